package dev.microsim.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs {@code microsim run} and is killed mid-fault. SIGTERM: its shutdown hook
 * recovers the fault (the ledger shows nothing applied) and the dataset is marked incomplete.
 * SIGKILL: nothing can run in the child, so the ledger still lists the fault and
 * {@code microsim recover} closes it and rebuilds the labels.
 */
class KilledRunRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENARIO = """
            version: 1
            name: killed
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
              - {profile: constant, rate: 10/s, target: front GET /x}
            faults:
              - {id: db-down, kind: crash, target: db, at: 1s, duration: 50s}
              - {id: db-slow, kind: latency, target: db, at: 40s, duration: 10s, delay: 20ms}
            """;

    /** Waits until the child's ledger lists the crash as applied; returns the ledger then. */
    private static JsonNode awaitApplied(Path ds, Process p, Path work) throws Exception {
        JsonNode[] ledger = new JsonNode[1];
        ChildRun.await(p, work, 40, "its crash applied", () -> (ledger[0] = ledgerNow(ds)) != null && ledger[0].path("applied").size() == 1);
        return ledger[0];
    }

    /** The ledger as a reader finds it now, or null before the run first wrote it (temp + rename). */
    private static JsonNode ledgerNow(Path ds) {
        try {
            return JSON.readTree(ds.resolve("faults.applied.json").toFile());
        } catch (java.io.IOException notWrittenYet) {
            return null;
        }
    }

    private static JsonNode label(Path ds, String id) throws Exception {
        for (JsonNode f : JSON.readTree(ds.resolve("labels.json").toFile()).path("faults")) if (f.path("id").asText().equals(id)) return f;
        throw new AssertionError("no label " + id);
    }

    @Test
    void sigtermRecoversInTheHookAndLeavesTheDatasetIncomplete(@TempDir Path dir) throws Exception {
        Path ds = dir.resolve("ds");
        Process p = ChildRun.start(dir, SCENARIO, ds);
        try {
            awaitApplied(ds, p, dir);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        JsonNode ledger = JSON.readTree(ds.resolve("faults.applied.json").toFile());
        assertThat(ledger.path("applied")).as(ChildRun.log(dir)).isEmpty();
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean(true)).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).contains("signal");
        // The run's hook recovers the faults before the recorder writes labels.json: the label is final.
        JsonNode crash = label(ds, "db-down");
        assertThat(crash.path("actual").path("start").isTextual()).isTrue();
        assertThat(crash.path("actual").path("end").isTextual()).as("actual.end written at SIGTERM").isTrue();
        assertThat(Main.run("recover", "--dataset", ds.toString())).isZero(); // nothing left: a no-op
        assertThat(label(ds, "db-down").path("actual").path("end")).isEqualTo(crash.path("actual").path("end"));
        assertThat(label(ds, "db-slow").path("actual").path("start").isNull()).as("never started").isTrue();
    }

    @Test
    void sigkillLeavesTheLedgerAndRecoverClosesIt(@TempDir Path dir) throws Exception {
        Path ds = dir.resolve("ds");
        Process p = ChildRun.start(dir, SCENARIO, ds);
        JsonNode applied;
        try {
            applied = awaitApplied(ds, p, dir);
            Thread.sleep(1200); // let the heartbeat move on
            p.destroyForcibly(); // SIGKILL: no hook runs
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        JsonNode ledger = JSON.readTree(ds.resolve("faults.applied.json").toFile());
        assertThat(ledger.path("applied").get(0).path("id").asText()).isEqualTo("db-down");
        Path manifest = ds.resolve("manifest.json");
        if (Files.exists(manifest)) assertThat(JSON.readTree(manifest.toFile()).path("complete").asBoolean(true)).isFalse();

        assertThat(Main.run("recover", "--dataset", ds.toString())).isZero();
        assertThat(JSON.readTree(ds.resolve("faults.applied.json").toFile()).path("applied")).isEmpty();
        JsonNode crash = label(ds, "db-down");
        assertThat(crash.path("actual").path("end").asText()).isEqualTo(ledger.path("aliveAt").asText());
        assertThat(crash.path("endedBy").asText()).contains("microsim recover");
        assertThat(applied.path("applied").get(0).path("appliedAt").asText()).isEqualTo(crash.path("actual").path("start").asText());
        // Running it again finds nothing left.
        assertThat(Main.run("recover", "--dataset", ds.toString())).isZero();
        assertThat(Main.run("recover", "--dataset", dir.resolve("nope").toString())).isEqualTo(1);
        assertThat(List.of(new File(ds.toString()).list())).contains("labels.json");
    }
}
