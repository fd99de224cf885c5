package dev.microsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast mode is bit-for-bit deterministic: the same scenario and seed give byte-identical dataset
 * files (metrics, traces, logs, load, labels, manifest), and another seed gives other files.
 */
class FastModeDeterminismTest {
    static final String SCENARIO = """
            version: 1
            name: det
            duration: 20s
            seed: 5
            services:
              web:
                replicas: 2
                resources: {cpu: 500m, concurrency: 8, queue: 16}
                endpoints:
                  GET /home:
                    steps:
                      - compute: {lognormal: {median: 2ms, p99: 10ms}}
                      - parallel:
                          - call: api GET /data
                          - call: {to: cache GET /get, probability: 0.7, timeout: 50ms, retries: 1}
                    errorRate: 0.01
                  GET /buy:
                    steps:
                      - call: api GET /data
                      - io: {exponential: {mean: 3ms}}
              api:
                replicas: 3
                endpoints:
                  GET /data:
                    steps:
                      - sleep: {uniform: {min: 1ms, max: 6ms}}
                      - compute: 1ms
              cache:
                endpoints:
                  GET /get:
                    steps:
                      - io: {exponential: {mean: 1ms}}
            load:
              - name: browse
                target: web GET /home
                profile: poisson
                rate: 80/s
              - name: users
                profile: closed
                users: 5
                think: {exponential: {mean: 200ms}}
                journeys:
                  - name: shop
                    weight: 2
                    requests:
                      - target: web GET /home
                        think: 50ms
                      - target: web GET /buy
                  - name: look
                    weight: 1
                    requests:
                      - target: web GET /home
            faults:
              - id: api-slow
                kind: latency
                target: api
                at: 5s
                duration: 4s
                delay: 30ms
              - id: cache-down
                kind: crash
                target: cache
                at: 11s
                duration: 3s
              - id: web-hog
                kind: cpu-hog
                target: web
                at: 15s
                duration: 3s
                cores: 0.3
            """;

    static Scenario scenario(long seed) {
        return Scenarios.parser().parse(SCENARIO, "det.yaml").orThrow().withSeed(seed);
    }

    static Map<String, byte[]> run(Path dir, long seed) throws Exception {
        RunResult r = RunSession.builder(scenario(seed), dir, new FastRun(SimOptions.defaults())).handleSignals(false).build().run();
        assertThat(r.complete()).as(r.reason().orElse("")).isTrue();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String f : DatasetRecorder.FILES) files.put(f, Files.readAllBytes(dir.resolve(f)));
        files.put("manifest.json", Files.readAllBytes(dir.resolve("manifest.json")));
        return files;
    }

    @Test
    void theSameScenarioAndSeedGiveByteIdenticalFiles(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> a = run(tmp.resolve("a"), 5);
        Map<String, byte[]> b = run(tmp.resolve("b"), 5);
        for (String f : a.keySet()) assertThat(b.get(f)).as(f).isEqualTo(a.get(f));
        Map<String, byte[]> other = run(tmp.resolve("c"), 6);
        assertThat(other.get("traces.jsonl")).isNotEqualTo(a.get("traces.jsonl"));
        assertThat(other.get("metrics.csv")).isNotEqualTo(a.get("metrics.csv"));

        // And the run really ran: load, spans, the faults applied at their virtual instants, a complete manifest in virtual time.
        JsonNode m = new ObjectMapper().readTree(a.get("manifest.json"));
        assertThat(m.get("start").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(m.get("counts").get("spans").get("recorded").asLong()).isGreaterThan(5000);
        assertThat(m.get("counts").get("spans").get("dropped").asLong()).isZero();
        JsonNode labels = new ObjectMapper().readTree(a.get("labels.json")).get("faults");
        assertThat(labels.get(0).get("actual").get("start").asText()).isEqualTo("2026-01-01T00:00:05.000Z");
        assertThat(labels.get(0).get("actual").get("end").asText()).isEqualTo("2026-01-01T00:00:09.000Z");
        assertThat(new String(a.get("metrics.csv"))).contains(",cache,,replicas_up,0");
        assertThat(new String(a.get("load.csv"))).contains("web GET /buy,requests,");
    }

    @Test
    void aDayLongRunTakesSecondsAndStaysComplete(@TempDir Path tmp) throws Exception {
        Scenario day = Scenarios.parser().parse("""
                version: 1
                name: day
                duration: 1d
                interval: 1m
                services:
                  web:
                    endpoints:
                      GET /:
                        steps:
                          - compute: 1ms
                load:
                  - name: diurnal
                    target: web GET /
                    profile: diurnal
                    base: 2/s
                    amplitude: 1/s
                    period: 1d
                """, "day.yaml").orThrow();
        RunResult r = RunSession.builder(day, tmp, new FastRun(SimOptions.defaults().withSignals(false, true))).handleSignals(false).build().run();
        assertThat(r.complete()).as(r.reason().orElse("")).isTrue();
        assertThat(r.simulated()).isGreaterThanOrEqualTo(Duration.ofDays(1));
        assertThat(r.clientRequests()).isBetween(160_000L, 185_000L); // 2/s for a day is 172,800
        assertThat(Files.readAllLines(tmp.resolve("metrics.csv")).stream().filter(l -> l.endsWith(",requests," + 0)).count()).isZero();
    }
}
