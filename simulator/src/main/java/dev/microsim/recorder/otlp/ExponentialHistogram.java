package dev.microsim.recorder.otlp;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import java.util.Map;
import java.util.TreeMap;

/**
 * OTLP base-2 exponential histogram points merged into one (several pods, several status codes):
 * bucket {@code i} at scale {@code s} holds values in (2^(i/2^s), 2^((i+1)/2^s)]. Points at a finer
 * scale are folded down to the coarsest one seen, as the OTel SDK merges them. Percentiles follow
 * HdrHistogram's rule (the bucket holding rank ceil(p x n), reported by its upper bound), the mean
 * is exact (sum / count).
 */
final class ExponentialHistogram {
    private Integer scale;
    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long zero;
    private long count;
    private double sum;

    void add(ExponentialHistogramDataPoint p) {
        if (p.getCount() == 0) return;
        int s = p.getScale();
        if (scale == null) scale = s;
        if (s < scale) downscale(s);
        int shift = s - scale;
        int offset = p.getPositive().getOffset();
        var counts = p.getPositive().getBucketCountsList();
        for (int i = 0; i < counts.size(); i++) {
            long c = counts.get(i);
            if (c != 0) buckets.merge((offset + i) >> shift, c, Long::sum);
        }
        zero += p.getZeroCount();
        count += p.getCount();
        sum += p.getSum();
    }

    private void downscale(int to) {
        int shift = scale - to;
        TreeMap<Integer, Long> folded = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) folded.merge(e.getKey() >> shift, e.getValue(), Long::sum);
        buckets.clear();
        buckets.putAll(folded);
        scale = to;
    }

    long count() {
        return count;
    }

    /** The mean in seconds. */
    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The value at {@code percentile} (0..100] in seconds. */
    double valueAt(double percentile) {
        if (count == 0) return Double.NaN;
        double p = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long seen = zero;
        if (seen >= rank) return 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) return Math.pow(2, (e.getKey() + 1) / Math.pow(2, scale));
        }
        return Math.pow(2, (buckets.lastKey() + 1) / Math.pow(2, scale));
    }
}
