package dev.microsim.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.cluster.LoopbackCluster;
import dev.microsim.model.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster-shaped run on one machine ({@code run --mode pods}): each replica its own {@code microsim
 * serve} JVM, the load a {@code microsim drive} JVM, a fault through a pod's control endpoint, the
 * dataset recorded from what they export over OTLP, and every process gone afterwards.
 */
class PodsRunTest {
    /** 8 s at 10/s, db's 503s from 3 s to 6 s: intervals on either side of the fault to compare. */
    static final FrontDbFixture MESH = new FrontDbFixture("pods-run", 5, Duration.ofSeconds(8), 10, Duration.ofSeconds(3), Duration.ofSeconds(3));
    /** Small pods that start fast (C1 only): this test checks the recording, not the pods' speed. */
    static final List<String> TEST_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** A short warm-up: enough to hold that its requests stay out of the dataset. */
    static final LoopbackCluster.WarmUp WARM_UP = new LoopbackCluster.WarmUp(Duration.ofSeconds(1), Duration.ofSeconds(4));

    @TempDir
    Path dir;

    @Test
    void podsInTheirOwnProcessesGiveOneCompleteDatasetWithTheFaultVisibleAndNothingLeftRunning() throws Exception {
        Scenario scenario = MESH.scenario();
        long before = ProcessHandle.current().descendants().count();
        RunResult r = RunSession.builder(scenario, dir.resolve("ds"), new ClusterRun(new LoopbackCluster(TEST_JVM, WARM_UP),
                ClusterRun.Options.loopback(Duration.ofMinutes(2)))).handleSignals(false).listener(FrontDbFixture.PRINT).build().run();
        assertThat(r.status()).as(r.reason().orElse("")).isEqualTo(RunResult.Status.COMPLETE);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).as("pods and load stopped").isEqualTo(before);

        Path ds = dir.resolve("ds");
        JsonNode manifest = FrontDbFixture.JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean()).isTrue();
        assertThat(manifest.path("mode").asText()).isEqualTo("pods");
        JsonNode label = FrontDbFixture.JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        Instant faultStart = Instant.parse(label.path("actual").path("start").asText());

        // metrics.csv: every interval of the run, front's counts summed over its two pods.
        Map<String, Map<String, Double>> metrics = FrontDbFixture.rows(ds.resolve("metrics.csv"));
        Map<String, Double> frontRequests = metrics.get("front|GET /x|requests");
        assertThat(frontRequests).as("one row per interval of the 8 s run").hasSizeGreaterThanOrEqualTo(8);
        assertThat(metrics.get("front||replicas_up").values()).as("one per pod").contains(2.0);
        // The same answers as the pods' server spans (both exported by the pods): within the few that end
        // at a boundary, collected into the next interval, and those after the last interval.
        Instant end = Instant.parse(((java.util.NavigableMap<String, Double>) frontRequests).lastKey()).plusSeconds(1);
        List<JsonNode> spans = Files.readAllLines(ds.resolve("traces.jsonl")).stream().map(FrontDbFixture::json).toList();
        long frontSpans = spans.stream().filter(sp -> sp.path("kind").asText().equals("SERVER") && sp.path("service").asText().equals("front"))
                .filter(sp -> Instant.parse(sp.path("end").asText()).isBefore(end)).count();
        double served = frontRequests.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(served).as("front's answers in metrics.csv vs its server spans").isPositive().isBetween(frontSpans * 0.9 - 2, frontSpans * 1.1 + 2);
        // The fault (db answers 503 from 3 s on, through db's control endpoint) shows in db's errors from then on only.
        Map<String, Double> dbErrors = metrics.get("db|GET /q|errors");
        assertThat(FrontDbFixture.sum(dbErrors, Instant.EPOCH, faultStart.minusSeconds(1))).as("db 503s before the fault").isZero();
        assertThat(FrontDbFixture.sum(dbErrors, faultStart.minusSeconds(1), Instant.MAX)).as("db 503s once the fault is in").isPositive();

        // labels.json: the fault, applied through the control endpoint.
        assertThat(label.toString()).contains(FrontDbFixture.FAULT_ID).contains("control-endpoint");

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
}
