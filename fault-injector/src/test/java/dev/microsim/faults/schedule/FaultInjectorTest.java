package dev.microsim.faults.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.testing.FakeMesh;
import dev.microsim.faults.testing.Meshes;
import dev.microsim.faults.testing.MutableClock;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule on a hand-moved clock: planned vs acknowledged times, ramps, overlap, recovery on every path. */
class FaultInjectorTest {
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final FakeMesh mesh = new FakeMesh(clock, Map.of("front", 1, "mid", 2, "db", 1, "side", 1));
    private final Map<String, LabelRecord> labels = new LinkedHashMap<>();

    private static FaultSpec spec(String id, String kind, FaultTarget target, int atS, int durS, Duration ramp, Map<String, Object> p) {
        return new FaultSpec(id, kind, target, Duration.ofSeconds(atS), Duration.ofSeconds(durS), ramp, p);
    }

    private FaultInjector injector(List<FaultSpec> faults, Path dir) {
        return new FaultInjector(Meshes.chain(faults), mesh, FaultCatalog.standard(), T0, dir, l -> labels.put(l.id(), l));
    }

    private void runTo(FaultInjector inj, Duration until, Duration step) {
        while (clock.instant().isBefore(T0.plus(until))) inj.advance(clock.advance(step));
    }

    @Test
    void injectsAtTheStartRecoversAtTheEndAndLabelsPlannedAndActual() {
        FaultSpec slow = spec("slow", "latency", FaultTarget.service("db"), 2, 3, Duration.ZERO, Map.of("delay", "100ms"));
        try (FaultInjector inj = injector(List.of(slow), null)) {
            assertThat(labels.get("slow").actualStart()).isEmpty();
            runTo(inj, Duration.ofMillis(1990), Duration.ofMillis(10));
            assertThat(mesh.active).isEmpty();
            inj.advance(clock.advance(Duration.ofMillis(15))); // 2.005 s: the first tick at or after 2 s
            assertThat(mesh.active(Effect.Delay.class)).hasSize(1);
            runTo(inj, Duration.ofSeconds(5), Duration.ofMillis(10));
            assertThat(mesh.active).isEmpty();
        }
        LabelRecord l = labels.get("slow");
        assertThat(l.plannedStart()).isEqualTo(T0.plusSeconds(2));
        assertThat(l.plannedEnd()).isEqualTo(T0.plusSeconds(5));
        assertThat(l.actualStart()).contains(T0.plusMillis(2005));
        assertThat(l.actualEnd()).contains(T0.plusMillis(5005));
        assertThat(l.rootCauses()).containsExactly("db");
        assertThat(l.affected()).containsExactly("db", "front", "mid"); // side is off the path
        assertThat(l.source()).isEqualTo("schedule");
    }

    @Test
    void rampStepsTheStrengthWithoutAGapAndReachesFullAtTheRampEnd() {
        FaultSpec hog = spec("hog", "cpu-hog", FaultTarget.service("mid"), 1, 10, Duration.ofSeconds(3), Map.of("cores", 2L));
        List<Double> seen = new ArrayList<>();
        try (FaultInjector inj = injector(List.of(hog), null)) {
            for (int i = 0; i < 60; i++) {
                inj.advance(clock.advance(Duration.ofMillis(100)));
                assertThat(mesh.active(Effect.CpuBurn.class).size()).as("at most one step in force, never none inside the window")
                        .isEqualTo(clock.instant().isBefore(T0.plusSeconds(1)) ? 0 : 1);
                double cores = mesh.active(Effect.CpuBurn.class).stream().mapToDouble(Effect.CpuBurn::cores).sum();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != cores) seen.add(cores);
            }
        }
        assertThat(seen).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0);
        assertThat(labels.get("hog").actualStart()).contains(T0.plusSeconds(1));
    }

    @Test
    void overlappingFaultsAreIndependent() {
        FaultSpec a = spec("a", "http-error", FaultTarget.service("db"), 1, 4, Duration.ZERO, Map.of());
        FaultSpec b = spec("b", "latency", FaultTarget.service("db"), 2, 1, Duration.ZERO, Map.of("delay", "5ms"));
        try (FaultInjector inj = injector(List.of(a, b), null)) {
            runTo(inj, Duration.ofMillis(2500), Duration.ofMillis(100));
            assertThat(mesh.active).hasSize(2);
            assertThat(inj.active()).containsExactly("a", "b");
            runTo(inj, Duration.ofMillis(3500), Duration.ofMillis(100));
            assertThat(inj.active()).containsExactly("a");
        }
    }

    @Test
    void crashRestartsAfterItsDelayAndTheLabelEndsWhenReplicasServeAgain() {
        FaultSpec crash = spec("c", "crash", FaultTarget.service("mid"), 1, 10, Duration.ZERO, Map.of("restartDelay", "2s"));
        try (FaultInjector inj = injector(List.of(crash), null)) {
            runTo(inj, Duration.ofMillis(2000), Duration.ofMillis(100));
            assertThat(mesh.down).containsExactlyInAnyOrder("mid-0", "mid-1");
            runTo(inj, Duration.ofSeconds(12), Duration.ofMillis(100));
            assertThat(mesh.down).isEmpty();
        }
        assertThat(labels.get("c").actualEnd()).contains(T0.plusSeconds(3));
        assertThat(mesh.restarts).isEqualTo(2);
    }

    @Test
    void closeRecoversWhatIsStillAppliedEvenAfterAnExceptionInTheRun() {
        FaultSpec hang = spec("h", "hang", FaultTarget.service("db"), 0, 30, Duration.ZERO, Map.of());
        FaultSpec crash = spec("c", "crash", FaultTarget.service("mid"), 0, 30, Duration.ZERO, Map.of());
        assertThatThrownBy(() -> {
            try (FaultInjector inj = injector(List.of(hang, crash), null)) {
                inj.advance(clock.advance(Duration.ofMillis(10)));
                assertThat(mesh.active).hasSize(1);
                assertThat(mesh.down).hasSize(2);
                clock.advance(Duration.ofSeconds(1));
                throw new IllegalStateException("the run blew up");
            }
        }).hasMessage("the run blew up");
        assertThat(mesh.active).isEmpty();
        assertThat(mesh.down).isEmpty();
        assertThat(labels.get("h").actualEnd()).contains(T0.plusMillis(1010));
        assertThat(labels.get("c").actualEnd()).contains(T0.plusMillis(1010));
    }

    @Test
    void aFaultTheMeshRefusesFailsTheRunLoudlyAndTheOthersAreStillRecovered() {
        FaultSpec ok = spec("ok", "latency", FaultTarget.service("db"), 0, 10, Duration.ZERO, Map.of("delay", "5ms"));
        FaultSpec bad = spec("bad", "clock-skew", FaultTarget.service("side"), 1, 5, Duration.ZERO, Map.of("offset", "5s"));
        mesh.refuse = e -> e instanceof Effect.ClockSkew;
        FaultInjector inj = injector(List.of(ok, bad), null);
        inj.advance(clock.advance(Duration.ofMillis(10)));
        assertThatThrownBy(() -> inj.advance(clock.advance(Duration.ofSeconds(1))))
                .isInstanceOf(FaultInjectionException.class)
                .hasMessage("fault \"bad\" (clock-skew on side) failed: refused ClockSkew");
        assertThat(inj.failure()).isPresent();
        assertThatThrownBy(inj::close).isInstanceOf(FaultInjectionException.class).hasMessageContaining("refused ClockSkew");
        assertThat(mesh.active).isEmpty();
        assertThat(labels.get("bad").actualStart()).isEmpty();
    }

    @Test
    void aFailureSeenByTheRunAndThenByCloseDoesNotBreakTryWithResources() {
        FaultSpec bad = spec("bad", "hang", FaultTarget.service("db"), 0, 5, Duration.ZERO, Map.of());
        mesh.refuse = e -> e instanceof Effect.Hang;
        assertThatThrownBy(() -> {
            try (FaultInjector inj = injector(List.of(bad), null)) {
                try {
                    inj.advance(clock.advance(Duration.ofMillis(10)));
                } catch (FaultInjectionException driverSide) {
                    // the driver thread swallows it; the run finds it through checkHealthy
                }
                inj.checkHealthy();
            }
        }).isInstanceOf(FaultInjectionException.class)
                .hasMessage("fault \"bad\" (hang on db) failed: refused Hang")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s.getMessage())
                        .isEqualTo("the fault schedule failed: fault \"bad\" (hang on db) failed: refused Hang")));
    }

    @Test
    void handInjectedFaultsAreLabelledLikeScheduledOnesAndRecoverable(@TempDir Path dir) {
        try (FaultInjector inj = injector(List.of(), dir)) {
            clock.advance(Duration.ofSeconds(4));
            LabelRecord l = inj.injectNow(spec("manual", "packet-loss",
                    new FaultTarget("db", Optional.empty(), Optional.empty(), Optional.of("mid"), 0.3), 0, 20, Duration.ZERO, Map.of()), "control-api");
            assertThat(l.plannedStart()).isEqualTo(T0.plusSeconds(4));
            assertThat(l.actualStart()).contains(T0.plusSeconds(4));
            assertThat(l.affected()).containsExactly("db", "front", "mid");
            JsonNode ledger = DatasetFiles.read(dir.resolve(DatasetFiles.LEDGER));
            assertThat(ledger.path("applied").get(0).path("id").asText()).isEqualTo("manual");
            assertThatThrownBy(() -> inj.injectNow(spec("manual", "hang", FaultTarget.service("db"), 0, 1, Duration.ZERO, Map.of()), "control-api"))
                    .hasMessage("a fault with id \"manual\" already exists");
            assertThatThrownBy(() -> inj.injectNow(spec("x", "hang", FaultTarget.service("dbb"), 0, 1, Duration.ZERO, Map.of()), "control-api"))
                    .hasMessage("target.service: unknown service \"dbb\"; services: [front, mid, db, side]");
            clock.advance(Duration.ofSeconds(1));
            assertThat(inj.recoverNow("manual").actualEnd()).contains(T0.plusSeconds(5));
            assertThat(mesh.active).isEmpty();
            assertThat(DatasetFiles.read(dir.resolve(DatasetFiles.LEDGER)).path("applied")).isEmpty();
        }
        assertThat(labels.get("manual").source()).isEqualTo("control-api");
    }

    /** It used to keep its planned window and be scored and exported as if it had happened. */
    @Test
    void aScheduledFaultRecoveredBeforeItsStartIsLabelledCancelledAndNeverActs() {
        FaultSpec later = spec("later", "latency", FaultTarget.service("db"), 10, 5, Duration.ZERO, Map.of("delay", "100ms"));
        try (FaultInjector inj = injector(List.of(later), null)) {
            clock.advance(Duration.ofSeconds(3));
            LabelRecord l = inj.recoverNow("later");
            assertThat(l.actualStart()).isEmpty();
            assertThat(l.cancelled()).contains("recovered by hand (control API) at 2026-11-24T15:00:03.000Z, before its planned start: it never acted");
            runTo(inj, Duration.ofSeconds(20), Duration.ofMillis(100));
            assertThat(mesh.active).isEmpty();
            JsonNode json = DatasetFiles.labels(inj.labels()).path("faults").get(0);
            assertThat(json.path("actual").path("start").isNull()).isTrue();
            assertThat(json.path("cancelled").asText()).contains("it never acted");
        }
    }

    @Test
    void labelsJsonShapeFollowsTheDatasetFormat() {
        FaultSpec slow = spec("slow", "latency", new FaultTarget("db", Optional.empty(), Optional.empty(), Optional.of("mid"), 1), 0, 3,
                Duration.ZERO, Map.of("delay", "100ms"));
        try (FaultInjector inj = injector(List.of(slow), null)) {
            inj.advance(clock.advance(Duration.ofMillis(1)));
            JsonNode json = DatasetFiles.labels(inj.labels());
            JsonNode f = json.path("faults").get(0);
            assertThat(json.path("formatVersion").asInt()).isEqualTo(1);
            assertThat(f.path("target").path("caller").asText()).isEqualTo("mid");
            assertThat(f.path("target").path("endpoint").isNull()).isTrue();
            assertThat(f.path("parameters").path("delay").asText()).isEqualTo("100ms");
            assertThat(f.path("actual").path("start").asText()).isEqualTo("2026-11-24T15:00:00.001Z");
            assertThat(f.path("actual").path("end").isNull()).isTrue();
            assertThat(f.path("rootCauses").toString()).isEqualTo("[\"db\"]");
            assertThat(f.path("affected").toString()).isEqualTo("[\"db\",\"front\",\"mid\"]"); // edge: the caller and its upstream
        }
    }

    @Test
    void invalidSpecsAreRejectedUpFrontWithEveryProblem() {
        FaultSpec a = spec("a", "latency", FaultTarget.service("db"), 0, 3, Duration.ZERO, Map.of());
        FaultSpec b = spec("b", "crash", FaultTarget.service("db"), 0, 3, Duration.ofSeconds(1), Map.of());
        assertThatThrownBy(() -> injector(List.of(a, b), null)).hasMessage("invalid faults:\n"
                + "  fault \"a\" (latency): delay: is required\n"
                + "  fault \"b\" (crash): ramp: crash cannot ramp (it is all or nothing), got 1s");
    }
}
