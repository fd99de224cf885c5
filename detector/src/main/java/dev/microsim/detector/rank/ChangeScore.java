package dev.microsim.detector.rank;

/**
 * How far a signal moved in an incident window from its normal behaviour, robustly: per bin a
 * directional z-score against the baseline's median and scale (1.4826 MAD, which a warm-up or an
 * earlier incident in the baseline barely moves, floored at 5 % of the median and at the signal's
 * resolution), summarised as the mean
 * of the window's higher half (a window that runs past the fault is not diluted by its tail), and
 * the first bin from which it stayed at or above {@link #ONSET_Z} for two bins.
 */
public record ChangeScore(double score, int onsetBin, double baselineMedian, double windowMedian) {

    public static final double ONSET_Z = 3;

    public static final ChangeScore NONE = new ChangeScore(0, -1, Double.NaN, Double.NaN);

    /** Fewer normal observations than this say too little about what normal is. */
    public static final int MIN_BASELINE_VALUES = 5;

    public static ChangeScore of(Signal signal, IncidentWindow window) {
        double[] baseline = RobustStats.sortedFinite(signal.values(), window.baselineStart(), window.onset());
        if (baseline.length < MIN_BASELINE_VALUES) {
            return NONE;
        }
        double median = RobustStats.percentile(baseline, 50);
        double[] deviations = new double[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            deviations[i] = Math.abs(baseline[i] - median);
        }
        java.util.Arrays.sort(deviations);
        double mad = RobustStats.percentile(deviations, 50);
        double scale = Math.max(1.4826 * mad, Math.max(signal.relativeFloor() * Math.abs(median), signal.resolution()));
        if (scale == 0) {
            scale = Double.MIN_NORMAL;
        }
        double[] values = signal.values();
        int n = window.end() - window.onset() + 1;
        double[] z = new double[n];
        int finite = 0;
        int onset = -1;
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = window.onset(); i <= window.end(); i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            double d = (v - median) / scale;
            double directional = switch (signal.direction()) {
                case UP -> d;
                case DOWN -> -d;
                case BOTH -> Math.abs(d);
            };
            z[finite++] = directional;
            if (onset < 0 && directional >= ONSET_Z && previous >= ONSET_Z) {
                onset = i - 1;
            }
            previous = directional;
        }
        if (finite == 0) {
            return NONE;
        }
        double[] sorted = java.util.Arrays.copyOf(z, finite);
        java.util.Arrays.sort(sorted);
        int half = Math.max(1, finite / 2);
        double sum = 0;
        for (int i = finite - half; i < finite; i++) {
            sum += sorted[i];
        }
        double[] windowValues = RobustStats.sortedFinite(values, window.onset(), window.end() + 1);
        double score = sum / half;
        if (onset < 0) {
            score = Math.min(score, ONSET_Z - 0.5); // one odd value is not an anomaly: it must persist for two observations
        }
        return new ChangeScore(score, onset, median, RobustStats.percentile(windowValues, 50));
    }
}
