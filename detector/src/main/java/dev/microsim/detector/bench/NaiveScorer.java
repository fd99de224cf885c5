package dev.microsim.detector.bench;

import java.util.Arrays;

/**
 * The obvious way to get best F1 and PR-AUC: for every distinct score, threshold all points again
 * and count. Kept only as the benchmark's baseline; it agrees with ThresholdCurve.
 */
final class NaiveScorer {

    private NaiveScorer() {
    }

    /** Returns {bestF1, prAuc}. */
    static double[] bestF1AndPrAuc(double[] scores, boolean[] actual) {
        double[] thresholds = Arrays.stream(scores).distinct().sorted().toArray();
        long positives = 0;
        for (boolean a : actual) {
            positives += a ? 1 : 0;
        }
        double best = 0;
        double auc = 0;
        double previousRecall = 0;
        for (int t = thresholds.length - 1; t >= 0; t--) {
            long tp = 0, fp = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= thresholds[t]) {
                    if (actual[i]) tp++; else fp++;
                }
            }
            double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            best = Math.max(best, f1);
            double recall = (double) tp / positives;
            auc += (recall - previousRecall) * tp / (tp + fp);
            previousRecall = recall;
        }
        return new double[] {best, auc};
    }
}
