package dev.microsim.telemetry;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * One interval's latencies for a single-threaded engine, giving exactly the percentiles and mean an
 * HdrHistogram of the same precision gives (so fast mode writes the numbers live mode would), at a
 * cost that follows the number of samples rather than the number of buckets: up to
 * {@value #BUFFERED} values are kept raw and sorted at the end of the interval; beyond that they
 * spill into a histogram. A mesh of 100,000 endpoints that mostly see a few requests per interval
 * then costs what its requests cost. Not thread-safe.
 */
public final class LatencySample {
    static final int BUFFERED = 256;

    private final long max;
    private final Histogram shape;
    /** Grows to {@value #BUFFERED} as an interval needs: most endpoints of a large mesh see a handful of requests. */
    private long[] values = new long[8];
    private int buffered;
    /** Kept between intervals (allocated once), used only while {@code spilling}. */
    private Histogram spill;
    private boolean spilling;

    /** Values in [0, {@code max}], {@code digits} significant decimal digits, as {@code new Histogram(max, digits)}. */
    public LatencySample(long max, int digits) {
        this.max = max;
        this.shape = shapeOf(max, digits);
    }

    private static final java.util.Map<Long, Histogram> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** One empty histogram per precision: it is only asked for bucket bounds, which depend on nothing else. */
    private static Histogram shapeOf(long max, int digits) {
        return SHAPES.computeIfAbsent(max * 10 + digits, k -> new Histogram(max, digits));
    }

    public void record(long value) {
        long v = Math.max(0, Math.min(max, value));
        if (spilling) {
            spill.recordValue(v);
        } else if (buffered < BUFFERED) {
            if (buffered == values.length) values = Arrays.copyOf(values, Math.min(BUFFERED, values.length * 4));
            values[buffered++] = v;
        } else {
            if (spill == null) spill = new Histogram(max, shape.getNumberOfSignificantValueDigits());
            spilling = true;
            for (int i = 0; i < buffered; i++) spill.recordValue(values[i]);
            spill.recordValue(v);
        }
    }

    public long count() {
        return spilling ? spill.getTotalCount() : buffered;
    }

    /** The value at {@code percentile}, as {@link Histogram#getValueAtPercentile} reports it; call {@link #prepare()} first. */
    public long valueAtPercentile(double percentile) {
        if (spilling) return spill.getValueAtPercentile(percentile);
        long n = buffered;
        // HdrHistogram's rule: one ulp below the percentile, times the count, rounded up, at least 1.
        double p = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long v = values[(int) Math.min(n, rank) - 1];
        return percentile == 0.0 ? shape.lowestEquivalentValue(v) : shape.highestEquivalentValue(v);
    }

    /** The mean of the bucket midpoints, as {@link Histogram#getMean} reports it. */
    public double mean() {
        if (spilling) return spill.getMean();
        if (buffered == 0) return 0;
        double sum = 0;
        for (int i = 0; i < buffered; i++) sum += shape.medianEquivalentValue(values[i]);
        return sum / buffered;
    }

    /** Sorts the buffered values; before reading percentiles. */
    public void prepare() {
        if (!spilling) Arrays.sort(values, 0, buffered);
    }

    /** Empties it for the next interval. */
    public void reset() {
        buffered = 0;
        if (spilling) spill.reset();
        spilling = false;
    }
}
