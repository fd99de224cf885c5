package dev.microsim.detector.metrics;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Scores one series: sorts the scores once for the threshold-free metrics (best F1, PR-AUC), then
 * computes the binary metrics at one threshold (alarm = score {@code >=} threshold).
 */
public final class SeriesScorer {

    private final List<Integer> paKs;

    public SeriesScorer(List<Integer> paKs) {
        this.paKs = List.copyOf(paKs);
        if (this.paKs.isEmpty()) {
            throw new IllegalArgumentException("at least one PA%K value is needed (K = 0 is point adjustment)");
        }
    }

    public SeriesScorer() {
        this(PointAdjustment.DEFAULT_KS);
    }

    /**
     * @param threshold the user's threshold; absent means 0.5 for 0/1 predictions and the best-F1
     *                  threshold otherwise (reported as such)
     */
    public SeriesScore score(LabelledSeries series, double[] scores, OptionalDouble threshold) {
        if (scores.length != series.size()) {
            throw new IllegalArgumentException(series.name() + ": " + scores.length + " scores for " + series.size() + " points");
        }
        boolean[] actual = series.anomalous();
        ThresholdCurve curve = ThresholdCurve.of(scores, actual);
        ThresholdCurve.BestF1 best = curve.bestF1();
        double chosen;
        ThresholdSource source;
        if (threshold.isPresent()) {
            chosen = threshold.getAsDouble();
            source = ThresholdSource.GIVEN;
        } else if (isBinary(scores)) {
            chosen = 0.5;
            source = ThresholdSource.BINARY;
        } else {
            chosen = best.threshold();
            source = ThresholdSource.BEST_F1;
        }
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i] >= chosen;
        }
        return new SeriesScore(series.name(), series.size(), chosen, source,
                Confusion.of(predicted, actual),
                PointAdjustment.curve(predicted, actual, series.events(), paKs),
                EventCounts.of(predicted, series.events()),
                DetectionDelays.of(series, predicted),
                series.monitoredDuration(),
                best,
                curve.prAuc());
    }

    static boolean isBinary(double[] scores) {
        for (double score : scores) {
            if (score != 0.0 && score != 1.0 && score != Double.NEGATIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }
}
