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

    /** Every parameter of every kind, in each form the parser reads (percentages, plain-number rates, signed durations). */
    static final String EVERY_FAULT_PARAMETER = VALID.replace("status: 503}", """
            status: 503}
              - {kind: latency, target: db, at: 0, duration: 5s, delay: 50ms, jitter: 10ms, ramp: 1s}
              - {kind: exception, target: db, at: 0, duration: 5s, exception: java.io.IOException, status: 502}
              - {kind: cpu-hog, target: db, at: 0, duration: 5s, cores: 0.5}
              - {kind: memory-leak, target: db, at: 0, duration: 5s, growth: 8MiB/s, initial: 16Mi}
              - {kind: memory-pressure, target: db, at: 0, duration: 5s, size: 64Mi}
              - {kind: crash, target: db, at: 0, duration: 5s, restartDelay: 1s}
              - {kind: crash-loop, target: db, at: 0, duration: 5s, uptime: 2s, restartDelay: 500ms}
              - {kind: hang, target: db, at: 0, duration: 5s}
              - {kind: pool-exhaustion, target: db, at: 0, duration: 5s, slots: 8}
              - {kind: partition, target: {service: db, caller: api}, at: 0, duration: 5s, mode: reject}
              - {kind: packet-loss, target: db, at: 0, duration: 5s, mode: drop}
              - {kind: bandwidth, target: db, at: 0, duration: 5s, rate: 1.5 MB / s}
              - {kind: unreachable, target: db, at: 0, duration: 5s}
              - {kind: bad-deploy, target: db, at: 0, duration: 5s, cpuFactor: 4, errorRate: "20%", rollout: 0.5}
              - {kind: misconfiguration, target: db, at: 0, duration: 5s, path: /v2/q}
              - {kind: retry-storm, target: db, at: 0, duration: 5s, retries: 3, backoff: 5ms, failure: 0.5}
              - {kind: log-storm, target: db, at: 0, duration: 5s, rate: 300, level: warn}
              - {kind: log-storm, target: db, at: 0, duration: 5s, rate: 30/m}
              - {kind: clock-skew, target: db, at: 0, duration: 5s, offset: -1h30m}
              - {kind: slow-disk, target: db, at: 0, duration: 5s, factor: 8}
              - {kind: cache-failure, target: api, at: 0, duration: 5s, factor: 3, backend: db}""".stripTrailing());

    @Test
    void everyParameterOfEveryFaultKindIsAccepted() throws IOException {
        assertThat(validate(EVERY_FAULT_PARAMETER)).isEmpty();
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
                Arguments.of("misspelt parameter of a non-latency kind", VALID.replace("status: 503", "statuss: 503"), "statuss"),
                Arguments.of("parameter of another kind", VALID.replace("status: 503", "status: 503, delay: 1s"), "delay"),
                Arguments.of("status of the wrong type", VALID.replace("status: 503", "status: \"oops\""), "status"),
                Arguments.of("status out of range", VALID.replace("status: 503", "status: 200"), "status"),
                Arguments.of("unknown fault kind", VALID.replace("kind: http-error", "kind: http-eror"), "kind"),
                Arguments.of("byte rate without /s", VALID.replace("status: 503}", "status: 503}\n  - {kind: bandwidth, target: db, at: 0, duration: 5s, rate: 16KiB}"), "rate"),
                Arguments.of("required parameter missing", VALID.replace("status: 503}", "status: 503}\n  - {kind: memory-pressure, target: db, at: 0, duration: 5s}"), "size"),
                Arguments.of("mode outside its choices", VALID.replace("status: 503}", "status: 503}\n  - {kind: partition, target: db, at: 0, duration: 5s, mode: cut}"), "mode"),
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
