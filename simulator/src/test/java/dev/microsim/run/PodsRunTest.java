package dev.microsim.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.cluster.LoopbackCluster;
import dev.microsim.model.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster-shaped run on one machine ({@code run --mode pods}): each replica its own {@code microsim
 * serve} JVM, the load a {@code microsim drive} JVM, a fault through a pod's control endpoint, the
 * dataset recorded from what they export over OTLP, and every process gone afterwards.
 */
class PodsRunTest {
    static final String SCENARIO = """
            version: 1
            name: pods-run
            seed: 5
            duration: 8s
            interval: 1s
            services:
              front:
                replicas: 2
                endpoints:
                  GET /x:
                    steps:
                      - compute: 1ms
                      - call: {to: db GET /q, timeout: 20s}
              db:
                endpoints:
                  GET /q:
                    steps:
                      - io: 2ms
            load:
              - {profile: constant, rate: 10/s, target: front GET /x}
            faults:
              - id: db-errors
                kind: http-error
                target: db
                at: 3s
                duration: 3s
                status: 503
            """;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Small pods that start fast (C1 only): this test checks the recording, not the pods' speed. */
    static final List<String> TEST_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** A short warm-up: enough to hold that its requests stay out of the dataset. */
    static final LoopbackCluster.WarmUp WARM_UP = new LoopbackCluster.WarmUp(Duration.ofSeconds(1), Duration.ofSeconds(4));
    /** The run's messages in the test's output, for a failure's diagnosis. */
    static final RunListener PRINT = new RunListener() {
        @Override
        public void message(String line) {
            System.out.println(line);
        }
    };

    @TempDir
    Path dir;

    @Test
    void podsInTheirOwnProcessesGiveOneCompleteDatasetWithTheFaultVisibleAndNothingLeftRunning() throws Exception {
        Scenario scenario = Scenarios.parser().parse(SCENARIO, "pods-run.yaml").orThrow();
        long before = ProcessHandle.current().descendants().count();
        RunResult r = RunSession.builder(scenario, dir.resolve("ds"), new ClusterRun(new LoopbackCluster(TEST_JVM, WARM_UP),
                ClusterRun.Options.loopback(Duration.ofMinutes(2)))).handleSignals(false).listener(PRINT).build().run();
        assertThat(r.status()).as(r.reason().orElse("")).isEqualTo(RunResult.Status.COMPLETE);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).as("pods and load stopped").isEqualTo(before);

        Path ds = dir.resolve("ds");
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean()).isTrue();
        assertThat(manifest.path("mode").asText()).isEqualTo("pods");
        JsonNode label = JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        Instant faultStart = Instant.parse(label.path("actual").path("start").asText());

        // metrics.csv: every interval of the run, front's counts summed over its two pods.
        Map<String, Map<String, Double>> metrics = rows(ds.resolve("metrics.csv"));
        Map<String, Double> frontRequests = metrics.get("front|GET /x|requests");
        assertThat(frontRequests).as("one row per interval of the 8 s run").hasSizeGreaterThanOrEqualTo(8);
        assertThat(metrics.get("front||replicas_up").values()).as("one per pod").contains(2.0);
        // The same answers as the pods' server spans (both exported by the pods): within the few that end
        // at a boundary, collected into the next interval, and those after the last interval.
        Instant end = Instant.parse(((java.util.NavigableMap<String, Double>) frontRequests).lastKey()).plusSeconds(1);
        List<JsonNode> spans = Files.readAllLines(ds.resolve("traces.jsonl")).stream().map(PodsRunTest::json).toList();
        long frontSpans = spans.stream().filter(sp -> sp.path("kind").asText().equals("SERVER") && sp.path("service").asText().equals("front"))
                .filter(sp -> Instant.parse(sp.path("end").asText()).isBefore(end)).count();
        double served = frontRequests.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(served).as("front's answers in metrics.csv vs its server spans").isPositive().isBetween(frontSpans * 0.9 - 2, frontSpans * 1.1 + 2);
        // The fault (db answers 503 from 3 s on, through db's control endpoint) shows in db's errors from then on only.
        Map<String, Double> dbErrors = metrics.get("db|GET /q|errors");
        assertThat(sum(dbErrors, Instant.EPOCH, faultStart.minusSeconds(1))).as("db 503s before the fault").isZero();
        assertThat(sum(dbErrors, faultStart.minusSeconds(1), Instant.MAX)).as("db 503s once the fault is in").isPositive();

        // labels.json: the fault, applied through the control endpoint.
        assertThat(label.toString()).contains("db-errors").contains("control-endpoint");

        // traces.jsonl and logs.jsonl from the pods: both front pods served (the Service balances), db under them.
        assertThat(spans.stream().filter(s -> s.path("kind").asText().equals("SERVER")).map(s -> s.path("instance").asText()).distinct())
                .contains("front-0", "front-1", "db-0");
        assertThat(Files.readAllLines(ds.resolve("logs.jsonl"))).isNotEmpty();
        // The warm-up's requests reached the pods (their records were counted) but none of them is in the dataset.
        assertThat(manifest.path("counts").path("warmUpRecords").asLong()).as("warm-up spans and logs, left out").isPositive();
        Instant runStart = Instant.parse(manifest.path("warmUp").path("loadStart").asText());
        assertThat(spans).allSatisfy(sp -> assertThat(Instant.parse(sp.path("start").asText())).isAfterOrEqualTo(runStart.minusSeconds(1)));
        // load.csv from drive's OTLP events.
        assertThat(Files.readAllLines(ds.resolve("load.csv"))).hasSizeGreaterThan(8).anySatisfy(l -> assertThat(l).contains("front GET /x"));
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** metrics.csv as series "service|endpoint|metric" -> time -> value. */
    static Map<String, Map<String, Double>> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1))
                .collect(Collectors.groupingBy(f -> f[1] + "|" + f[2] + "|" + f[3], TreeMap::new,
                        Collectors.toMap(f -> f[0], f -> Double.parseDouble(f[4]), Double::sum, TreeMap::new)));
    }

    static double sum(Map<String, Double> series, Instant from, Instant to) {
        return series.entrySet().stream().filter(e -> !Instant.parse(e.getKey()).isBefore(from) && Instant.parse(e.getKey()).isBefore(to))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
