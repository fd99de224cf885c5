package dev.microsim.detector.rank;

import java.util.Arrays;

/** Location and scale of a stretch of a signal, ignoring NaNs. */
final class RobustStats {

    private RobustStats() {
    }

    /** The finite values of {@code values[from, to)}, sorted. */
    static double[] sortedFinite(double[] values, int from, int to) {
        double[] out = new double[Math.max(0, to - from)];
        int n = 0;
        for (int i = Math.max(0, from); i < Math.min(values.length, to); i++) {
            if (Double.isFinite(values[i])) {
                out[n++] = values[i];
            }
        }
        double[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** numpy's default (linear) percentile of sorted values, q in [0, 100]. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = q / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** Population standard deviation (numpy's and scikit-learn's StandardScaler's default). */
    static double std(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return values.length == 0 ? Double.NaN : Math.sqrt(sum / values.length);
    }
}
