package dev.microsim.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash test: a real {@code microsim run} in a child JVM is SIGKILLed at a random moment
 * (seeded), with a fault applied. Nothing in the child can react, so what is on disk is what the
 * recorder had handed to the operating system: {@code score --allow-partial} must read the
 * intervals up to about the kill (within the one-second flush), and {@code recover} must leave no
 * fault applied and a manifest that says why the dataset is incomplete.
 */
class SigkillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SCENARIO = """
            version: 1
            name: crash
            duration: 60s
            services:
              front:
                endpoints:
                  GET /x:
                    steps:
                      - call: {to: db GET /x, timeout: 300ms}
              db:
                endpoints:
                  GET /x:
                    steps:
                      - io: 2ms
            load:
              - {profile: constant, rate: 20/s, target: front GET /x}
            faults:
              - {id: db-slow, kind: latency, target: db, at: 1s, duration: 50s, delay: 20ms}
            """;

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aRunKilledAtARandomMomentKeepsItsIntervalsAndRecoverFinishesIt(long seed, @TempDir Path work) throws Exception {
        Path ds = work.resolve("ds");
        Process p = ChildRun.start(work, SCENARIO, ds);
        Instant killedAt;
        try {
            // Once traffic is recorded (the mesh is up, the load runs, a flush happened), kill at a random moment.
            ChildRun.await(p, work, 60, "recording traffic", () -> !ChildRun.metricRows(ds).isEmpty() && size(ds.resolve("traces.jsonl")) > 0);
            long aliveMillis = 500 + new Random(seed).nextInt(3000);
            Thread.sleep(aliveMillis);
            killedAt = Instant.now();
            p.destroyForcibly(); // SIGKILL: no hook, no finally, no flush
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = ChildRun.log(work);

        // Every interval up to about the kill is there: rows were flushed at most a second apart.
        TreeSet<Instant> intervals = new TreeSet<>();
        for (String row : ChildRun.metricRows(ds)) {
            if (row.endsWith("\n") || row.split(",").length == 5) intervals.add(Instant.parse(row.substring(0, row.indexOf(','))));
        }
        assertThat(intervals).as(log).isNotEmpty();
        // Flushes are at most a second apart and rows are sampled each 1 s interval: allow both, and a loaded machine's lag.
        assertThat(intervals.last()).as("the last interval kept is within 4 s of the kill").isAfter(killedAt.minusSeconds(4));
        assertThat(Files.readAllLines(ds.resolve("load.csv"))).as("load rows kept").hasSizeGreaterThan(1);
        assertThat(Files.size(ds.resolve("traces.jsonl"))).as("spans kept").isPositive();

        // score --allow-partial reads it (labels.json follows the run, so the applied fault is there).
        Path export = work.resolve("export");
        assertThat(Main.run("export", "--dataset", ds.toString(), "--allow-partial", "--format", "csv", "--out", export.toString())).isZero();
        List<String> exported = Files.readAllLines(export.resolve("series.csv"));
        String first = exported.get(1);
        Path predictions = Files.writeString(work.resolve("preds.csv"), "timestamp,series,score\n"
                + first.substring(0, first.lastIndexOf(',')) + ",0\n");
        Path score = work.resolve("score.json");
        assertThat(Main.run("score", "--dataset", ds.toString(), "--allow-partial", "--detections", predictions.toString(),
                "--out", score.toString())).as(log).isZero();
        assertThat(JSON.readTree(score.toFile()).path("series").size()).isPositive();
        assertThat(Main.run("score", "--dataset", ds.toString(), "--detections", predictions.toString())).as("not without --allow-partial").isEqualTo(1);

        // recover: no fault left applied, the manifest says why it is incomplete, the token is gone.
        assertThat(Main.run("recover", "--dataset", ds.toString())).isZero();
        assertThat(JSON.readTree(ds.resolve("faults.applied.json").toFile()).path("applied")).isEmpty();
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean(true)).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).startsWith("the run died (killed or crashed) before it finished");
        assertThat(ds.resolve("control.json")).doesNotExist();
        JsonNode fault = JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        assertThat(fault.path("actual").path("start").isTextual()).isTrue();
        assertThat(fault.path("actual").path("end").isTextual()).as("closed by recover").isTrue();
        assertThat(Main.run("score", "--dataset", ds.toString(), "--allow-partial", "--detections", predictions.toString(),
                "--out", score.toString())).isZero();
    }
}
