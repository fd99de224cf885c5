package dev.microsim.faults.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.testing.FakeMesh;
import dev.microsim.faults.testing.Meshes;
import dev.microsim.faults.testing.MutableClock;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** microsim recover's logic on a ledger written by a real injector whose "JVM" we abandon. */
class LeftoversTest {
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    @Test
    void closesTheLeftoverFromTheLedgerAndRebuildsLabels(@TempDir Path dir) {
        MutableClock clock = new MutableClock(T0);
        FakeMesh mesh = new FakeMesh(clock, Map.of("front", 1, "mid", 2, "db", 1, "side", 1));
        FaultSpec hang = new FaultSpec("h", "hang", FaultTarget.service("db"), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO, Map.of());
        FaultInjector inj = new FaultInjector(Meshes.chain(List.of(hang)), mesh, FaultCatalog.standard(), T0, dir, null);
        inj.advance(clock.advance(Duration.ofSeconds(1)));
        inj.advance(clock.advance(Duration.ofSeconds(2))); // heartbeat at 3 s
        // The "run" dies here: no close(), no labels.json (the recorder never finished).
        assertThat(dir.resolve("labels.json")).doesNotExist();

        Leftovers.Report report = Leftovers.recover(dir, new MutableClock(T0.plusSeconds(60)));
        assertThat(report.recovered()).containsExactly("h");
        var label = DatasetFiles.read(dir.resolve("labels.json")).path("faults").get(0);
        assertThat(label.path("actual").path("start").asText()).isEqualTo("2026-11-24T15:00:01.000Z");
        assertThat(label.path("actual").path("end").asText()).isEqualTo("2026-11-24T15:00:03.000Z");
        assertThat(DatasetFiles.read(dir.resolve(DatasetFiles.LEDGER)).path("applied")).isEmpty();
        assertThat(Leftovers.recover(dir, new MutableClock(T0.plusSeconds(61))).message()).isEqualTo("nothing was left applied");
    }

    /** After SIGKILL the manifest still said "run in progress" and control.json (with its token) stayed. */
    @Test
    void marksTheManifestIncompleteWithTheReasonAndRemovesTheTokenFile(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        FakeMesh mesh = new FakeMesh(clock, Map.of("front", 1, "mid", 2, "db", 1, "side", 1));
        FaultSpec hang = new FaultSpec("h", "hang", FaultTarget.service("db"), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO, Map.of());
        FaultInjector inj = new FaultInjector(Meshes.chain(List.of(hang)), mesh, FaultCatalog.standard(), T0, dir, null);
        inj.advance(clock.advance(Duration.ofSeconds(2)));
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, \"complete\": false, \"incompleteReason\": \"run in progress\","
                + " \"seed\": 7, \"files\": {}}");
        Files.writeString(dir.resolve(DatasetFiles.CONTROL), "{\"url\": \"http://127.0.0.1:1\", \"token\": \"secret\"}");

        Leftovers.Report report = Leftovers.recover(dir, new MutableClock(T0.plusSeconds(60)));
        assertThat(report.message()).endsWith("; manifest.json marked incomplete; control.json (its token) removed");
        var manifest = DatasetFiles.read(dir.resolve("manifest.json"));
        assertThat(manifest.path("complete").asBoolean(true)).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).isEqualTo("the run died (killed or crashed) before it finished;"
                + " last heartbeat 2026-11-24T15:00:02.000Z; closed by microsim recover at 2026-11-24T15:01:00.000Z");
        assertThat(manifest.path("seed").asInt()).as("the rest of the manifest is kept").isEqualTo(7);
        assertThat(dir.resolve(DatasetFiles.CONTROL)).doesNotExist();

        // A reason the run wrote itself (it saw the signal) is kept.
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, \"complete\": false, \"incompleteReason\": \"interrupted by a signal\"}");
        Leftovers.recover(dir, new MutableClock(T0.plusSeconds(61)));
        assertThat(DatasetFiles.read(dir.resolve("manifest.json")).path("incompleteReason").asText()).isEqualTo("interrupted by a signal");
    }

    @Test
    void refusesWhileARunHoldsTheDirectoryLock(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, \"complete\": false, \"incompleteReason\": \"run in progress\"}");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessage(dir + ": another run is writing this dataset right now (run.lock is locked)");
            assertThatThrownBy(() -> Leftovers.recover(dir, new MutableClock(T0))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is still going (run.lock is locked)");
        }
        assertThat(dir.resolve(RunLock.FILE)).doesNotExist();
        // Died before its faults started: no ledger, but the manifest is still finished.
        assertThat(Leftovers.recover(dir, new MutableClock(T0)).message())
                .isEqualTo("nothing was applied (the run died before its faults started); manifest.json marked incomplete");
    }

    @Test
    void aStaleLockFileIsRemovedButAHeldOneIsKept(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunLock.FILE), "12345\n"); // a run killed before it let go: file, no lock
        RunLock.removeStale(dir);
        assertThat(dir.resolve(RunLock.FILE)).doesNotExist();
        try (RunLock lock = RunLock.acquire(dir)) {
            RunLock.removeStale(dir);
            assertThat(dir.resolve(RunLock.FILE)).exists();
        }
    }

    @Test
    void refusesWhileTheRunIsAliveAndExplainsAMissingLedger(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        FakeMesh mesh = new FakeMesh(clock, Map.of("front", 1, "mid", 2, "db", 1, "side", 1));
        FaultSpec hang = new FaultSpec("h", "hang", FaultTarget.service("db"), Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, Map.of());
        FaultInjector inj = new FaultInjector(Meshes.chain(List.of(hang)), mesh, FaultCatalog.standard(), T0, dir, null);
        inj.advance(clock.advance(Duration.ofMillis(1)));
        // Pretend another live process wrote it: our parent JVM (surefire) is alive.
        Path ledger = dir.resolve(DatasetFiles.LEDGER);
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(ledger, Files.readString(ledger).replaceFirst("\"pid\" : \\d+", "\"pid\" : " + parent));
        assertThatThrownBy(() -> Leftovers.recover(dir, new MutableClock(T0.plusSeconds(2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the run (pid " + parent + ") is still going with [h] applied; stop it (Ctrl-C or SIGTERM) and it recovers them itself");
        // With a stale heartbeat the pid is not trusted (it may have been reused).
        assertThat(Leftovers.recover(dir, new MutableClock(T0.plusSeconds(30))).recovered()).containsExactly("h");
        assertThatThrownBy(() -> Leftovers.recover(dir.resolve("x"), clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("x: no faults.applied.json and no manifest.json: not the dataset of a run (nothing to recover)");
        inj.close();
    }
}
