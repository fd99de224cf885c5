package dev.microsim.detector.metrics;

import org.apache.commons.math3.util.MathArrays;

/**
 * Point-wise precision and recall at every distinct score threshold (alarm = score {@code >=} threshold),
 * from one sort of the scores: the best F1 over thresholds and the area under the PR curve.
 */
public final class ThresholdCurve {

    private final double[] thresholds;
    private final long[] tps;
    private final long[] fps;
    private final long positives;

    private ThresholdCurve(double[] thresholds, long[] tps, long[] fps, long positives) {
        this.thresholds = thresholds;
        this.tps = tps;
        this.fps = fps;
        this.positives = positives;
    }

    public static ThresholdCurve of(double[] scores, boolean[] actual) {
        if (scores.length != actual.length) {
            throw new IllegalArgumentException("scores has " + scores.length + " points, actual " + actual.length);
        }
        double[] sorted = scores.clone();
        double[] labels = new double[actual.length];
        long positives = 0;
        for (int i = 0; i < actual.length; i++) {
            if (Double.isNaN(sorted[i])) {
                throw new IllegalArgumentException("score at point " + i + " is NaN");
            }
            labels[i] = actual[i] ? 1 : 0;
            positives += actual[i] ? 1 : 0;
        }
        MathArrays.sortInPlace(sorted, MathArrays.OrderDirection.DECREASING, labels);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == sorted.length - 1 || sorted[i + 1] != sorted[i]) {
                distinct++;
            }
        }
        double[] thresholds = new double[distinct];
        long[] tps = new long[distinct];
        long[] fps = new long[distinct];
        long tp = 0, fp = 0;
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (labels[i] > 0) tp++; else fp++;
            if (i == sorted.length - 1 || sorted[i + 1] != sorted[i]) {
                thresholds[k] = sorted[i];
                tps[k] = tp;
                fps[k] = fp;
                k++;
            }
        }
        return new ThresholdCurve(thresholds, tps, fps, positives);
    }

    /** The highest point-wise F1 over thresholds (the highest threshold on ties); NaN without positives. */
    public BestF1 bestF1() {
        double bestF1 = positives == 0 ? Double.NaN : 0.0;
        double bestThreshold = Double.POSITIVE_INFINITY;
        if (positives > 0) {
            for (int k = 0; k < thresholds.length; k++) {
                double f1 = 2.0 * tps[k] / (2.0 * tps[k] + fps[k] + (positives - tps[k]));
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestThreshold = thresholds[k];
                }
            }
        }
        return new BestF1(bestThreshold, bestF1);
    }

    /**
     * Average precision, {@code sum (R_k - R_{k-1}) P_k} over thresholds (the step-wise PR-AUC of
     * scikit-learn's {@code average_precision_score}; no optimistic linear interpolation). NaN without positives.
     */
    public double prAuc() {
        if (positives == 0) {
            return Double.NaN;
        }
        double area = 0;
        long previousTp = 0;
        for (int k = 0; k < thresholds.length; k++) {
            double precision = (double) tps[k] / (tps[k] + fps[k]);
            area += (double) (tps[k] - previousTp) / positives * precision;
            previousTp = tps[k];
        }
        return area;
    }

    public record BestF1(double threshold, double f1) {
    }
}
