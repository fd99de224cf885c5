package dev.microsim.detector.rank;

import java.time.Instant;

/** Equally spaced instants {@code origin + i step}, {@code i < bins}: the common time axis of all signals. */
public record TimeGrid(long originMillis, long stepMillis, int bins) {

    public TimeGrid {
        if (stepMillis <= 0) {
            throw new IllegalArgumentException("step must be positive, was " + stepMillis + " ms");
        }
        if (bins < 0) {
            throw new IllegalArgumentException("bins must be non-negative, was " + bins);
        }
    }

    public long millis(int bin) {
        return originMillis + bin * stepMillis;
    }

    public Instant instant(int bin) {
        return Instant.ofEpochMilli(millis(bin));
    }

    /** The bin holding this instant, clamped to the grid. */
    public int bin(long epochMilli) {
        long b = Math.floorDiv(epochMilli - originMillis, stepMillis);
        return (int) Math.max(0, Math.min(bins - 1, b));
    }

    /** How many bins span this many milliseconds (at least 1). */
    public int binsFor(long millis) {
        return (int) Math.max(1, Math.round((double) millis / stepMillis));
    }
}
