package dev.microsim.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.microsim.model.ProjectFiles;
import dev.microsim.model.generate.MeshGenerator;
import dev.microsim.model.yaml.ScenarioWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema (for editor completion) accepts every scenario we ship and rejects
 * typical mistakes, so it neither lags behind the format nor accepts anything.
 */
class ScenarioSchemaTest {
    static final String SCHEMA = "/dev/microsim/model/scenario.schema.json";
    static final YAMLMapper YAML = new YAMLMapper();
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ScenarioSchemaTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Set<ValidationMessage> validate(String yaml) throws IOException {
        return schema.validate(YAML.readTree(yaml));
    }

    static Stream<Path> scenarios() {
        return ProjectFiles.scenarioFiles().stream();
    }

    @Test
    void theScenarioDirectoryHoldsTheShippedExamples() {
        assertThat(ProjectFiles.scenarioFiles()).extracting(p -> p.getFileName().toString())
                .contains("online-boutique.yaml", "sock-shop.yaml", "hotel-reservation.yaml", "minimal.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyShippedScenarioMatchesTheSchema(Path file) throws IOException {
        JsonNode tree = YAML.readTree(file.toFile());
        assertThat(schema.validate(tree)).as(file.toString()).isEmpty();
    }

    @Test
    void generatedScenariosMatchTheSchema() throws IOException {
        String yaml = ScenarioWriter.write(new MeshGenerator().generate(200, 5));
        assertThat(validate(yaml)).isEmpty();
    }

    static final String VALID = """
            name: ok
            duration: 1m
            services:
              api:
                endpoints:
                  GET /x:
                    steps:
                      - compute: {lognormal: {median: 1ms, p99: 5ms}}
                      - call: {to: db GET /q, probability: 0.5, timeout: 1s, retries: 1, requestSize: 1KiB}
                      - parallel: [{sleep: 1ms}, {io: {exponential: 2ms}}]
              db:
                endpoints:
                  GET /q:
            load:
              - {profile: ramp, from: 1/s, to: 10/s, over: 30s, target: api GET /x}
              - profile: closed
                users: 3
                think: {uniform: {min: 1s, max: 2s}}
                journeys: [{name: j, weight: 2, requests: ["api GET /x", {target: api GET /x, think: 1s}]}]
            faults:
              - {kind: latency, target: db, at: 10s, duration: 10s, delay: 100ms}
              - {kind: http-error, target: {service: api, endpoint: GET /x, replicas: [0], caller: db, share: 0.5}, at: 0, duration: 5s, status: 503}
            """;

    @Test
    void aDocumentUsingEveryShapeIsAccepted() throws IOException {
        assertThat(validate(VALID)).isEmpty();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("unknown top-level key", VALID.replace("duration: 1m", "duration: 1m\ndurationn: 2m"), "durationn"),
                Arguments.of("missing services", "name: x\nduration: 1m\n", "services"),
                Arguments.of("unparsable duration", VALID.replace("duration: 1m", "duration: 1 minute"), "$.duration"),
                Arguments.of("probability above 1", VALID.replace("probability: 0.5", "probability: 1.5"), "probability"),
                Arguments.of("bad endpoint key", VALID.replace("GET /q:", "FETCH /q:"), "FETCH /q"),
                Arguments.of("upper-case service name", VALID.replace("  db:\n", "  DB:\n"), "DB"),
                Arguments.of("two kinds in one step", VALID.replace("- compute: {lognormal: {median: 1ms, p99: 5ms}}",
                        "- {compute: 1ms, sleep: 1ms}"), "steps[0]"),
                Arguments.of("lognormal without p99", VALID.replace("p99: 5ms", "p90: 5ms"), "steps[0]"),
                Arguments.of("constant profile without rate", VALID.replace("{profile: ramp, from: 1/s, to: 10/s, over: 30s,", "{profile: constant,"), "load[0]"),
                Arguments.of("profile field of another profile", VALID.replace("over: 30s,", "over: 30s, users: 3,"), "load[0]"),
                Arguments.of("both target and journeys", VALID.replace("users: 3", "users: 3\n    target: api GET /x"), "load[1]"),
                Arguments.of("unparsable rate", VALID.replace("to: 10/s", "to: 10 per second"), "load[0].to"),
                Arguments.of("fault without kind", VALID.replace("{kind: latency, ", "{"), "faults[0]"),
                Arguments.of("fault share above 1", VALID.replace("share: 0.5", "share: 2"), "share"),
                Arguments.of("unknown version", "version: 2\n" + VALID, "version"),
                Arguments.of("cpu text that is not cpu", VALID.replace("  db:\n", "  db:\n    resources: {cpu: two}\n"), "cpu"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void typicalMistakesAreRejectedAtTheirPath(String what, String yaml, String pathFragment) throws IOException {
        Set<ValidationMessage> problems = validate(yaml);
        assertThat(problems).as(what).isNotEmpty();
        List<String> where = problems.stream().map(m -> m.getInstanceLocation() + " " + m.getMessage()).toList();
        assertThat(where).as(what).anyMatch(w -> w.contains(pathFragment));
    }
}
