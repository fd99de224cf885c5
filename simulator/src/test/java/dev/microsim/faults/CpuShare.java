package dev.microsim.faults;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;

/**
 * How much of one core a busy thread of this JVM got in a short probe: CPU time used over wall
 * time taken. On an idle machine it is about 1; when other processes (or a lower nice) take the
 * cores it drops, and so does what a live CPU hog can burn. Lets a test scale a CPU floor by what
 * this run could get instead of assuming an idle machine.
 *
 * @param cpu CPU time the probe's thread used
 * @param wall wall time it took
 */
record CpuShare(Duration cpu, Duration wall) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A whole core, for engines whose CPU is virtual (nothing to probe). */
    static final CpuShare WHOLE_CORE = new CpuShare(Duration.ofSeconds(1), Duration.ofSeconds(1));

    CpuShare {
        if (cpu.isNegative() || wall.isNegative() || wall.isZero()) {
            throw new IllegalArgumentException("cpu must be >= 0 and wall > 0, got cpu " + cpu + ", wall " + wall);
        }
    }

    /**
     * Busy-loops on the calling thread until it has used {@code target} of CPU time or {@code cap}
     * of wall time has passed (a starved thread must not stall the test), then reports both.
     */
    static CpuShare probe(Duration target, Duration cap) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long used = 0;
        long x = 0;
        while (used < target.toNanos() && System.nanoTime() - wall0 < cap.toNanos()) {
            for (int i = 0; i < 200; i++) x += i * 31L ^ x; // work the JIT cannot drop (x is consumed below)
            used = THREADS.getCurrentThreadCpuTime() - cpu0;
        }
        long wall = Math.max(1, System.nanoTime() - wall0);
        if (x == 42) Thread.onSpinWait();
        return new CpuShare(Duration.ofNanos(used), Duration.ofNanos(wall));
    }

    /** Fraction of one core, 0..1 (thread CPU time is sampled coarsely, so a ratio a hair above 1 is 1). */
    double share() {
        return Math.min(1.0, (double) cpu.toNanos() / wall.toNanos());
    }

    /** The probe that got less, so a floor scaled by it holds whenever the machine was at its busiest. */
    CpuShare lower(CpuShare other) {
        return other.share() < share() ? other : this;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f of a core (%.0f ms CPU in %.0f ms wall)", share(), cpu.toNanos() / 1e6, wall.toNanos() / 1e6);
    }
}
