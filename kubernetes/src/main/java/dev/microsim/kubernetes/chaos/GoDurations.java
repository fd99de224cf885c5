package dev.microsim.kubernetes.chaos;

import java.time.Duration;

/** Durations as Go's time.ParseDuration reads them (what Chaos Mesh's spec fields take): exact, shortest unit that fits. */
final class GoDurations {
    private GoDurations() {}

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) return "0s";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        if (nanos % 1_000L == 0) return nanos / 1_000L + "us";
        return nanos + "ns";
    }

    /** Whole seconds, rounded up, at least 1 s: a resource's own duration. */
    static String seconds(Duration d) {
        long s = Math.max(1, (d.toNanos() + 999_999_999L) / 1_000_000_000L);
        return s + "s";
    }
}
