package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.model.dist.Distribution;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per effect family: the runtime honours each Effect as its javadoc says. */
class LocalMeshEffectsTest {
    final List<SpanRecord> spans = new CopyOnWriteArrayList<>();
    final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    final TelemetrySink sink = new TelemetrySink() {
        public void span(SpanRecord s) { spans.add(s); }
        public void log(LogRecord l) { logs.add(l); }
        public void metric(MetricRow r) {}
    };
    LocalMesh mesh;
    URI front;

    @BeforeEach
    void start() {
        mesh = LocalMesh.start(scenario(service("front", 1, call("back", ms(800), 0)), service("back", 2, sleep(5))),
                MeshOptions.defaults(1, sink));
        front = mesh.uri(entry("front"));
    }

    @AfterEach
    void stop() {
        mesh.close();
    }

    long medianMillis(URI uri, int n) {
        long[] t = new long[n];
        int[] st = new int[1];
        for (int i = 0; i < n; i++) t[i] = timedGet(uri, st);
        java.util.Arrays.sort(t);
        return t[n / 2];
    }

    /**
     * The fastest of n calls. A delay is a floor under every request it slows, while a loaded machine
     * only adds to a latency: the minimum shows the floor without the load's noise, which a median of a
     * few calls (compared with a median taken before) did not (it failed at load 15-40).
     */
    long minMillis(URI uri, int n) {
        int[] st = new int[1];
        long min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) min = Math.min(min, timedGet(uri, st));
        return min;
    }

    @Test
    void servesAChainOverRealHttp() {
        assertThat(get(front)).isEqualTo(200);
        assertThat(spans).extracting(SpanRecord::service).contains("front", "back");
    }

    @Test
    void delayRaisesLatencyAndRemovalRestoresIt() {
        EffectHandle h = mesh.apply(new Effect.Delay(Scope.service("back"), new Distribution.Constant(ms(200))));
        long during = minMillis(front, 5);
        Instant removed = h.remove();
        long after = minMillis(front, 5);
        assertThat(during).isGreaterThanOrEqualTo(200);
        assertThat(after).as("the floor is gone with the delay").isLessThan(150);
        assertThat(removed).isAfterOrEqualTo(h.appliedAt());
        assertThat(h.remove()).isEqualTo(removed); // idempotent
    }

    @Test
    void abortAnswersTheStatusAndLogsTheException() {
        EffectHandle h = mesh.apply(new Effect.Abort(Scope.service("front"), 503, "java.sql.SQLTransientConnectionException"));
        assertThat(get(front)).isEqualTo(503);
        h.remove();
        assertThat(get(front)).isEqualTo(200);
        assertThat(logs).anySatisfy(l -> {
            assertThat(l.level()).isEqualTo(LogRecord.Level.ERROR);
            assertThat(l.message()).contains("java.sql.SQLTransientConnectionException").contains("\n\tat ");
        });
    }

    @Test
    void abortDownstreamFailsTheCallerWith500() {
        try (EffectHandle h = mesh.apply(new Effect.Abort(Scope.service("back"), 500, null))) {
            assertThat(get(front)).isEqualTo(500);
        }
    }

    @Test
    void hangHoldsTheRequestUntilTheCallerTimesOut() {
        try (EffectHandle h = mesh.apply(new Effect.Hang(Scope.service("back")))) {
            int[] st = new int[1];
            long took = timedGet(front, st);
            assertThat(st[0]).isEqualTo(500); // front's call timed out (800 ms)
            assertThat(took).isGreaterThanOrEqualTo(750);
        }
        assertThat(get(front)).isEqualTo(200);
    }

    @Test
    void slowdownStretchesComputeAndIo() {
        mesh.close();
        mesh = LocalMesh.start(scenario(service("solo", 1, compute(20))), MeshOptions.defaults(1, sink));
        URI solo = mesh.uri(entry("solo"));
        long before = medianMillis(solo, 5);
        try (EffectHandle h = mesh.apply(new Effect.Slowdown(Scope.service("solo"), 5, 5))) {
            // 20 ms of CPU times 5: at least 80 ms even allowing for timer slack, and slower than before.
            long during = medianMillis(solo, 5);
            assertThat(during).isGreaterThanOrEqualTo(80).isGreaterThan(before);
        }
    }

    @Test
    void holdSlotsLeavesNoRoomAndRequestsQueueThenReject() {
        mesh.close();
        mesh = LocalMesh.start(scenario(service("solo", 1, limits(2, 0), sleep(5))), MeshOptions.defaults(1, sink));
        URI solo = mesh.uri(entry("solo"));
        try (EffectHandle h = mesh.apply(new Effect.HoldSlots(Scope.service("solo"), 2))) {
            assertThat(get(solo)).isEqualTo(503); // no slot, no queue
        }
        assertThat(get(solo)).isEqualTo(200);
    }

    @Test
    void callFailureRefusedGivesConnectionErrorsAtTheCaller() {
        try (EffectHandle h = mesh.apply(new Effect.CallFailure(Scope.edge("front", "back"), Effect.CallFailure.Mode.REFUSED))) {
            assertThat(get(front)).isEqualTo(500);
        }
        assertThat(logs).anySatisfy(l -> assertThat(l.message()).contains("connection refused"));
        assertThat(spans).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(SpanRecord.Kind.CLIENT);
            assertThat(s.error()).isTrue();
            assertThat(s.status()).isZero();
        });
    }

    @Test
    void callFailureBlackholeWaitsForTheTimeoutAndResetFailsAfterSending() {
        try (EffectHandle h = mesh.apply(new Effect.CallFailure(Scope.edge("front", "back"), Effect.CallFailure.Mode.BLACKHOLE))) {
            int[] st = new int[1];
            assertThat(timedGet(front, st)).isGreaterThanOrEqualTo(750);
            assertThat(st[0]).isEqualTo(500);
        }
        long backServed = spans.stream().filter(s -> s.service().equals("back")).count();
        try (EffectHandle h = mesh.apply(new Effect.CallFailure(Scope.edge("front", "back"), Effect.CallFailure.Mode.RESET))) {
            assertThat(get(front)).isEqualTo(500);
        }
        assertThat(spans.stream().filter(s -> s.service().equals("back")).count()).isGreaterThan(backServed);
    }

    @Test
    void callDelayAndBandwidthSlowTheCall() {
        try (EffectHandle h = mesh.apply(new Effect.CallDelay(Scope.edge("front", "back"), new Distribution.Constant(ms(150))))) {
            assertThat(minMillis(front, 5)).isGreaterThanOrEqualTo(150);
        }
        assertThat(minMillis(front, 5)).as("the call delay is gone").isLessThan(150);
        // 1 KiB response at 2 KiB/s: about half a second on the wire.
        try (EffectHandle h = mesh.apply(new Effect.Bandwidth(Scope.edge("front", "back"), 2048))) {
            assertThat(minMillis(front, 3)).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void redirectSendsCallsToAnUnknownPathThatAnswers404() {
        try (EffectHandle h = mesh.apply(new Effect.Redirect(Scope.edge("front", "back"), "/nowhere"))) {
            assertThat(get(front)).isEqualTo(500);
        }
        assertThat(spans).anySatisfy(s -> {
            assertThat(s.service()).isEqualTo("back");
            assertThat(s.status()).isEqualTo(404);
        });
    }

    @Test
    void retriesAndAmplifyMultiplyDownstreamCalls() {
        try (EffectHandle abort = mesh.apply(new Effect.Abort(Scope.service("back"), 500, null));
             EffectHandle retries = mesh.apply(new Effect.Retries(Scope.edge("front", "back"), 3, ms(10)))) {
            spans.clear();
            get(front);
            awaitSpans(5);
            assertThat(spans.stream().filter(s -> s.service().equals("back")).count()).isEqualTo(4);
        }
        try (EffectHandle amp = mesh.apply(new Effect.Amplify(Scope.edge("front", "back"), 3))) {
            spans.clear();
            assertThat(get(front)).isEqualTo(200);
            awaitSpans(7);
            assertThat(spans.stream().filter(s -> s.service().equals("back")).count()).isEqualTo(3);
        }
    }

    void awaitSpans(int n) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (spans.size() < n && System.nanoTime() < deadline) Thread.onSpinWait();
    }

    @Test
    void killRefusesConnectionsAndStartServesAgainCountingARestart() {
        int port = mesh.replicaPort("back", 0);
        URI direct = URI.create("http://127.0.0.1:" + port + "/x");
        assertThat(get(direct)).isEqualTo(200);
        mesh.killReplica("back", 0);
        assertThat(get(direct)).isZero(); // connection refused
        var sampler = mesh.sampler();
        var rows = sampler.sample(Instant.now(), 1);
        assertThat(value(rows, "back", "replicas_up")).isEqualTo(1);
        mesh.startReplica("back", 0);
        assertThat(get(direct)).isEqualTo(200);
        rows = sampler.sample(Instant.now(), 1);
        assertThat(value(rows, "back", "replicas_up")).isEqualTo(2);
        assertThat(value(rows, "back", "restarts")).isEqualTo(1);
    }

    static double value(List<MetricRow> rows, String service, String metric) {
        return rows.stream().filter(r -> r.service().equals(service) && r.metric().equals(metric)).findFirst().orElseThrow().value();
    }

    @Test
    void cpuBurnIsAccountedToTheService() throws Exception {
        var sampler = mesh.sampler();
        sampler.sample(Instant.now(), 1);
        try (EffectHandle h = mesh.apply(new Effect.CpuBurn(Scope.service("back"), 0.5))) {
            Thread.sleep(600);
        }
        assertThat(value(sampler.sample(Instant.now(), 1), "back", "cpu_ms")).isGreaterThan(100);
    }

    @Test
    void memoryLeakGrowsThenOomKillsAndRestarts() throws Exception {
        var sampler = mesh.sampler();
        double base = value(sampler.sample(Instant.now(), 1), "back", "memory_bytes");
        Scope replica0 = new Scope("back", Optional.empty(), Optional.of(Set.of(0)), Optional.empty(), 1);
        try (EffectHandle h = mesh.apply(new Effect.Memory(replica0, 100L << 20, 0))) {
            assertThat(value(sampler.sample(Instant.now(), 1), "back", "memory_bytes")).isGreaterThanOrEqualTo(base + (100L << 20));
        }
        // 256 MiB limit: a leak of 2 GiB/s reaches it within a tick or two.
        try (EffectHandle h = mesh.apply(new Effect.Memory(replica0, 0, 2L << 30))) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            double restarts = 0;
            while (restarts == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                restarts += value(sampler.sample(Instant.now(), 1), "back", "restarts");
            }
            assertThat(restarts).isGreaterThanOrEqualTo(1);
        }
        assertThat(logs).anySatisfy(l -> assertThat(l.message()).startsWith("java.lang.OutOfMemoryError"));
    }

    @Test
    void clockSkewShiftsTimestampsAndLogStormWritesLogs() throws Exception {
        try (EffectHandle h = mesh.apply(new Effect.ClockSkew(Scope.service("back"), Duration.ofHours(1)))) {
            spans.clear();
            get(front);
            awaitSpans(3);
            long frontStart = spans.stream().filter(s -> s.service().equals("front") && s.kind() == SpanRecord.Kind.SERVER)
                    .findFirst().orElseThrow().startEpochNanos();
            long backStart = spans.stream().filter(s -> s.service().equals("back")).findFirst().orElseThrow().startEpochNanos();
            assertThat(backStart - frontStart).isGreaterThan(Duration.ofMinutes(59).toNanos());
        }
        logs.clear();
        try (EffectHandle h = mesh.apply(new Effect.LogStorm(Scope.service("front"), 100, "ERROR"))) {
            Thread.sleep(1000);
        }
        long storm = logs.stream().filter(l -> l.level() == LogRecord.Level.ERROR && l.service().equals("front")).count();
        assertThat(storm).isBetween(50L, 150L);
    }

    @Test
    void applyRefusesAnUnknownService() {
        assertThatThrownBy(() -> mesh.apply(new Effect.Hang(Scope.service("nope"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown service \"nope\"");
    }
}
