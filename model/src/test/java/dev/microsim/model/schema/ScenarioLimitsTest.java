package dev.microsim.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.model.ProjectFiles;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric scenario field has one range (Limits), and the three places a user meets it say
 * the same: the parser refuses a value past it with the limit in the message, the JSON Schema's
 * description (and, for whole numbers, its maximum) states it, and docs/scenario-format.md's row
 * for the field states it.
 */
class ScenarioLimitsTest {
    static JsonNode schema;
    static List<String> docs;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ScenarioLimitsTest.class.getResourceAsStream(ScenarioSchemaTest.SCHEMA)) {
            schema = new ObjectMapper().readTree(in);
        }
        docs = Files.readAllLines(ProjectFiles.root().resolve("docs/scenario-format.md"));
    }

    static final String BASE = """
            name: shop
            duration: 1m
            services:
              web:
                replicas: 1
                resources: {cpu: 1, memory: 256Mi, concurrency: 64, queue: 128}
                endpoints:
                  GET /x:
                    steps:
                      - compute: 1ms
                      - call: {to: db GET /q, timeout: 1s, retries: 1, requestSize: 1KiB}
                    response: {size: 1KiB}
                    memoryPerRequest: 1KiB
              db:
                endpoints:
                  GET /q: {}
            load:
              - {profile: constant, rate: 10/s, target: web GET /x, duration: 30s, maxRequests: 100}
              - {profile: closed, users: 2, target: web GET /x}
              - {profile: ramp, from: 1/s, to: 2/s, over: 10s, target: web GET /x}
              - profile: closed
                users: 1
                journeys: [{weight: 2, requests: [web GET /x]}]
            """;

    /**
     * field, schema pointer to its property, the limit as the docs/schema/message word it, the
     * schema's maximum for whole numbers (or null), the edit of BASE that goes past it.
     */
    static Stream<Arguments> limits() {
        return Stream.of(
                row("duration", "/properties/duration", "at most 30d", null, "duration: 1m", "duration: 31d"),
                row("interval", "/properties/interval", "between 100ms and 1h", null, "duration: 1m", "duration: 1m\ninterval: 50ms"),
                row("replicas", "/$defs/service/properties/replicas", "1 to " + Limits.MAX_REPLICAS, Limits.MAX_REPLICAS, "replicas: 1", "replicas: 101"),
                row("resources.cpu", "/$defs/service/properties/resources/properties/cpu", "at most 64 cores", null, "cpu: 1,", "cpu: 65,"),
                row("resources.memory", "/$defs/service/properties/resources/properties/memory", "between 1MiB and 1TiB", null, "memory: 256Mi", "memory: 2Ti"),
                row("resources.concurrency", "/$defs/service/properties/resources/properties/concurrency", "1 to " + Limits.MAX_CONCURRENCY,
                        Limits.MAX_CONCURRENCY, "concurrency: 64", "concurrency: 10001"),
                row("resources.queue", "/$defs/service/properties/resources/properties/queue", "0 to " + Limits.MAX_QUEUE, Limits.MAX_QUEUE,
                        "queue: 128", "queue: 100001"),
                row("response.size", "/$defs/endpoint/properties/response/properties/size", "at most 64MiB", null, "size: 1KiB", "size: 100TiB"),
                row("memoryPerRequest", "/$defs/endpoint/properties/memoryPerRequest", "at most 1GiB", null, "memoryPerRequest: 1KiB", "memoryPerRequest: 2GiB"),
                row("timeout", "/$defs/call/oneOf/1/properties/timeout", "at most 1h", null, "timeout: 1s", "timeout: 61m"),
                row("retries", "/$defs/call/oneOf/1/properties/retries", "0 to " + Limits.MAX_RETRIES, Limits.MAX_RETRIES, "retries: 1", "retries: 11"),
                row("requestSize", "/$defs/call/oneOf/1/properties/requestSize", "at most 64MiB", null, "requestSize: 1KiB", "requestSize: 65MiB"),
                row("compute", "/$defs/distribution", "at most 1h", null, "compute: 1ms", "compute: 2h"),
                row("rate", "/$defs/rate", "at most 100000/s", null, "rate: 10/s", "rate: 200000/s"),
                row("load.duration", "/$defs/load/properties/duration", "at most 30d", null, "duration: 30s", "duration: 31d"),
                row("maxRequests", "/$defs/load/properties/maxRequests", "1 to " + Limits.MAX_REQUESTS, Limits.MAX_REQUESTS,
                        "maxRequests: 100", "maxRequests: 1000000000001"),
                row("users", "/$defs/load/properties/users", "1 to " + Limits.MAX_USERS, Limits.MAX_USERS, "users: 2", "users: 10001"),
                row("over", "/$defs/load/properties/over", "at most 30d", null, "over: 10s", "over: 31d"),
                row("weight", "/$defs/journey/properties/weight", "at most 1000000", null, "weight: 2", "weight: 1000001"));
    }

    static Arguments row(String field, String pointer, String limit, Number schemaMax, String from, String to) {
        return Arguments.of(field, pointer, limit, schemaMax, from, to);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("limits")
    void theParserTheSchemaAndTheDocsStateTheSameLimit(String field, String pointer, String limit, Number schemaMax, String from, String to) {
        ParseResult ok = new ScenarioParser().parse(BASE, "base.yaml");
        assertThat(ok.lines()).as("the base scenario is valid").isEmpty();
        assertThat(BASE).contains(from);
        ParseResult past = new ScenarioParser().parse(BASE.replaceFirst(java.util.regex.Pattern.quote(from), to), "past.yaml");
        assertThat(past.ok()).as(field + " past its limit").isFalse();
        String message = String.join("\n", past.lines());
        String inWords = limit.replaceFirst("^(\\d+) to (\\d+)$", "between $1 and $2");
        assertThat(message).as("the parser names the limit").contains(inWords);

        JsonNode property = schema.at(pointer);
        assertThat(property.isMissingNode()).as(pointer + " in the schema").isFalse();
        assertThat(property.path("description").asText()).as("the schema's description of " + field).contains(limit);
        if (schemaMax != null) assertThat(property.path("maximum").asLong()).as("the schema's maximum of " + field).isEqualTo(schemaMax.longValue());

        String key = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        assertThat(docs).as("a docs row for " + field + " states " + limit)
                .anyMatch(l -> l.startsWith("|") && (l.contains("`" + field + "`") || l.contains("`" + key + "`")) && l.contains(limit));
    }
}
