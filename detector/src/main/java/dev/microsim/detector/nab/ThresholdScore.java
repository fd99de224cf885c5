package dev.microsim.detector.nab;

/**
 * The raw NAB score of a file or corpus when every row whose anomaly score is {@code >= threshold}
 * is an alarm, with the row counts NAB reports beside it (probationary rows excluded).
 */
public record ThresholdScore(double threshold, double score, long tp, long tn, long fp, long fn) {

    public ThresholdScore {
        if (Double.isNaN(threshold) || Double.isNaN(score)) {
            throw new IllegalArgumentException("threshold and score must be numbers");
        }
        if (tp < 0 || tn < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public long total() {
        return tp + tn + fp + fn;
    }

    ThresholdScore plus(ThresholdScore other) {
        return new ThresholdScore(threshold, score + other.score, tp + other.tp, tn + other.tn,
                fp + other.fp, fn + other.fn);
    }
}
