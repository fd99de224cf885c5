package dev.microsim.load;

import java.util.List;

/** Server-side arrivals bucketed by time from the first one. */
final class ServerCounts {
    private ServerCounts() {}

    /** Counts per bucket of {@code bucketMillis}, from the first arrival, over {@code buckets} buckets (later ones dropped). */
    static double[] perBucket(List<Long> arrivalNanos, long bucketMillis, int buckets) {
        long first = arrivalNanos.stream().mapToLong(Long::longValue).min().orElseThrow();
        double[] counts = new double[buckets];
        for (long t : arrivalNanos) {
            int b = (int) ((t - first) / (bucketMillis * 1_000_000));
            if (b < buckets) counts[b]++;
        }
        return counts;
    }
}
