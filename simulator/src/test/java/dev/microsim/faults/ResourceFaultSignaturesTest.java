package dev.microsim.faults;

import static dev.microsim.faults.RequestFaultSignaturesTest.labelMatchesOnset;
import static dev.microsim.faults.RequestFaultSignaturesTest.offPathNormal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.faults.SignatureMesh.Run;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.SpanRecord;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replica and resource faults on a real mesh under load (see RequestFaultSignaturesTest for the method). */
class ResourceFaultSignaturesTest extends SignatureTestBase {
    /** The cpu-hog floor on a machine that gives this JVM a whole core: about half of the 125 ms asked for. */
    static final double CPU_HOG_FLOOR_MS = 60;
    /** The floor whatever the probe says: a hog with no effect (rise 0) must still fail. */
    static final double CPU_HOG_MIN_FLOOR_MS = 10;

    @Test
    void cpuHogBurnsTheStatedCores() throws Exception {
        // A live hog burns real CPU, so on a busy machine it gets less than it asks for: the floor is scaled by
        // what a busy thread of this JVM got right before and right after the run (the lower of the two).
        CpuShare probeBefore = cpuShare();
        Run r = mesh.run(SignatureMesh.fault("cpu-hog", FaultTarget.service("db"), Map.of("cores", 0.5)));
        CpuShare probe = probeBefore.lower(cpuShare());
        double before = r.before("db", "cpu_ms");
        double during = r.during("db", "cpu_ms");
        double floor = Math.max(CPU_HOG_MIN_FLOOR_MS, CPU_HOG_FLOOR_MS * probe.share());
        // 0.5 cores for a 250 ms interval is 125 ms of CPU.
        Measured.row("cpu-hog", "db cpu_ms per 250 ms interval (0.5 cores)", before, during, r.after("db", "cpu_ms"),
                String.format(Locale.ROOT, "+>=%.0f ms (60 ms x CPU share %.2f, >= 10), back within 10 ms", floor, probe.share()));
        assertThat(during - before)
                .as("db cpu_ms rise under a 0.5-core hog: before %.1f, during %.1f, rise %.1f ms per 250 ms; floor %.1f ms = max(%.0f, %.0f x share), probe %s",
                        before, during, during - before, floor, CPU_HOG_MIN_FLOOR_MS, CPU_HOG_FLOOR_MS, probe)
                .isGreaterThan(floor);
        assertThat(r.after("db", "cpu_ms")).isLessThan(before + 10);
        offPathNormal(r);
    }

    /** What one busy thread of this JVM gets now, to scale the cpu-hog floor by (about 100 ms of CPU, 1 s at most). */
    CpuShare cpuShare() {
        return CpuShare.probe(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @Test
    void memoryLeakClimbsToTheLimitThenTheReplicaIsOomKilledAndRestarted() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("memory-leak", FaultTarget.service("db"), Map.of("growth", "48MiB/s")));
        double restarts = r.sumDuring("db", "restarts");
        double peak = r.maxDuring("db", "memory_bytes") / (1 << 20);
        Measured.row("memory-leak", "db memory_bytes peak MiB / restarts (limit 64Mi, 48MiB/s)", r.before("db", "memory_bytes") / (1 << 20), peak,
                r.after("db", "memory_bytes") / (1 << 20), ">= 24 MiB climbing, >= 1 restart (" + (long) restarts + ")");
        assertThat(peak).isGreaterThan(24);
        assertThat(restarts).isGreaterThanOrEqualTo(1);
        assertThat(r.after("db", "memory_bytes")).isLessThan(r.before("db", "memory_bytes") + (4 << 20));
        assertThat(r.logs().stream().anyMatch(l -> l.service().equals("db") && l.level() == LogRecord.Level.ERROR)).as("OOM is logged").isTrue();
        offPathNormal(r);
    }

    @Test
    void memoryPressureHoldsTheStatedSize() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("memory-pressure", FaultTarget.service("mid"), Map.of("size", "16Mi")));
        double before = r.before("mid", "memory_bytes") / (1 << 20);
        double during = r.during("mid", "memory_bytes") / (1 << 20);
        Measured.row("memory-pressure", "mid memory_bytes MiB (16Mi on each of 2 replicas)", before, during, r.after("mid", "memory_bytes") / (1 << 20), "+30..34 MiB");
        assertThat(during - before).isBetween(30.0, 34.0);
        assertThat(r.after("mid", "memory_bytes") / (1 << 20)).isLessThan(before + 2);
        labelMatchesOnset(r, "mid", "memory_bytes", (before + 16) * (1 << 20));
        offPathNormal(r);
    }

    @Test
    void crashTakesReplicasDownUntilTheWindowEndsAndCountsTheRestart() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("crash", FaultTarget.service("db"), Map.of()));
        Measured.row("crash", "db replicas_up", r.before("db", "replicas_up"), r.during("db", "replicas_up"), r.after("db", "replicas_up"),
                "1 -> 0 -> 1, restarts " + (long) r.sumDuring("db", "restarts"));
        Measured.row("crash", "mid errors per interval", r.before("mid", "errors"), r.during("mid", "errors"), r.after("mid", "errors"), "> 0 during, 0 after");
        assertThat(r.before("db", "replicas_up")).isEqualTo(1);
        assertThat(r.during("db", "replicas_up")).isZero();
        assertThat(r.after("db", "replicas_up")).isEqualTo(1);
        assertThat(r.sumDuring("db", "restarts")).isEqualTo(1);
        assertThat(r.during("mid", "errors")).isGreaterThan(0);
        assertThat(r.after("mid", "errors")).isZero();
        offPathNormal(r);
    }

    @Test
    void crashLoopRestartsRepeatedly() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("crash-loop", FaultTarget.service("db"), Map.of("uptime", "300ms", "restartDelay", "200ms")));
        double restarts = r.sumDuring("db", "restarts");
        Measured.row("crash-loop", "db restarts in a 2 s window (down 200 ms, up 300 ms)", r.before("db", "restarts"), restarts, r.after("db", "restarts"), ">= 3");
        assertThat(restarts).isGreaterThanOrEqualTo(3);
        assertThat(r.during("mid", "errors")).isGreaterThan(0);
        assertThat(r.after("db", "replicas_up")).isEqualTo(1);
        assertThat(r.after("mid", "errors")).isZero();
        offPathNormal(r);
    }

    @Test
    void poolExhaustionQueuesThenRejects() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("pool-exhaustion", FaultTarget.service("db"), Map.of()));
        double queued = r.maxDuring("db", "queue_length");
        double rejected = r.sumDuring("db", "rejections");
        Measured.row("pool-exhaustion", "db queue_length max / rejections sum", r.before("db", "queue_length"), queued, r.after("db", "queue_length"),
                "queue fills (16), rejections " + (long) rejected);
        assertThat(queued).isGreaterThanOrEqualTo(8);
        assertThat(r.during("mid", "errors")).isGreaterThan(0);
        assertThat(r.after("db", "queue_length")).isLessThan(2);
        assertThat(r.after("mid", "errors")).isZero();
        offPathNormal(r);
    }

    @Test
    void logStormFloodsTheLogs() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("log-storm", FaultTarget.service("db"), Map.of("rate", "200/s", "level", "warn")));
        long warns = r.logsDuring("db", LogRecord.Level.WARN);
        Measured.row("log-storm", "db WARN logs in the 2 s window (200/s)", 0, warns, 0, "300..500");
        assertThat(warns).isBetween(300L, 500L);
        long after = r.logs().stream().filter(l -> l.service().equals("db") && l.level() == LogRecord.Level.WARN
                && l.epochNanos() > SignatureMesh.Run.toNanos(r.faultEnd().plusMillis(300))).count();
        assertThat(after).isZero();
        offPathNormal(r);
    }

    @Test
    void clockSkewShiftsOnlyTheTargetsTimestamps() throws Exception {
        Run r = mesh.run(SignatureMesh.fault("clock-skew", FaultTarget.service("db"), Map.of("offset", "-1h")));
        long runStart = SignatureMesh.Run.toNanos(r.start());
        long hour = 3_600_000_000_000L;
        // db's spans written while the fault is on carry times about an hour early; mid's never do.
        long skewed = r.spans().stream().filter(s -> s.service().equals("db") && s.kind() == SpanRecord.Kind.SERVER
                && Math.abs(s.startEpochNanos() - (runStart - hour)) < 10_000_000_000L).count();
        long midSkewed = r.spans().stream().filter(s -> s.service().equals("mid") && s.startEpochNanos() < runStart - hour / 2).count();
        Measured.row("clock-skew", "db spans stamped ~1 h early in the window", 0, skewed, 0, ">= 20; mid 0 (" + midSkewed + ")");
        assertThat(skewed).isGreaterThan(20);
        assertThat(midSkewed).isZero();
        long after = r.spans().stream().filter(s -> s.service().equals("db") && s.startEpochNanos() > SignatureMesh.Run.toNanos(r.faultEnd().plusMillis(300))).count();
        assertThat(after).as("db back on time after recovery").isGreaterThan(10);
        offPathNormal(r);
    }
}
