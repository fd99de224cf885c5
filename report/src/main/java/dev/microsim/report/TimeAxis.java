package dev.microsim.report;

import dev.microsim.detector.telemetry.MetricSeries;
import java.util.Arrays;
import java.util.List;

/**
 * The one time axis every chart of a report shares: the union of the dataset's sampling instants,
 * cut into buckets of {@code stride} consecutive points so no series has more than a set number of
 * points (a 1,000-service run must stay small enough to open quickly). A bucket is drawn at its first instant.
 */
record TimeAxis(long[] instants, int stride) {

    TimeAxis {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
    }

    static TimeAxis of(List<MetricSeries> metrics, int maxPoints) {
        long[] all = metrics.stream().flatMapToLong(m -> Arrays.stream(m.epochMillis())).sorted().distinct().toArray();
        int stride = Math.max(1, (all.length + maxPoints - 1) / Math.max(1, maxPoints));
        return new TimeAxis(all, stride);
    }

    int size() {
        return instants.length;
    }

    int buckets() {
        return (instants.length + stride - 1) / stride;
    }

    /** The instant a bucket is drawn at. */
    long bucketStart(int bucket) {
        return instants[bucket * stride];
    }

    /** Position of an instant on the full axis, or negative when the axis has no such instant. */
    int indexOf(long epochMilli) {
        return Arrays.binarySearch(instants, epochMilli);
    }

    /** The bucket an instant falls in (instants between points go to the bucket before them). */
    int bucketOf(long epochMilli) {
        int index = indexOf(epochMilli);
        if (index < 0) {
            index = Math.max(0, -index - 2);
        }
        return index / stride;
    }

    /** Buckets of a full-resolution series: the mean or the max of the finite values in each bucket, NaN if none. */
    double[] reduce(double[] full, KeySeries.Reduce how) {
        double[] out = new double[buckets()];
        for (int b = 0; b < out.length; b++) {
            double acc = how == KeySeries.Reduce.MAX ? Double.NEGATIVE_INFINITY : 0;
            int n = 0;
            for (int i = b * stride; i < Math.min(full.length, (b + 1) * stride); i++) {
                if (Double.isFinite(full[i])) {
                    acc = how == KeySeries.Reduce.MAX ? Math.max(acc, full[i]) : acc + full[i];
                    n++;
                }
            }
            out[b] = n == 0 ? Double.NaN : how == KeySeries.Reduce.MAX ? acc : acc / n;
        }
        return out;
    }
}
