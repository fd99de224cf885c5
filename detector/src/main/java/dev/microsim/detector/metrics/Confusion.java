package dev.microsim.detector.metrics;

/**
 * Point counts of a binary decision against labels. Ratios whose denominator is zero are NaN
 * ("undefined", written as null in score.json) rather than a made-up 0 or 1.
 */
public record Confusion(long tp, long fp, long fn, long tn) {

    public Confusion {
        if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were tp=" + tp + " fp=" + fp + " fn=" + fn + " tn=" + tn);
        }
    }

    public static Confusion of(boolean[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " points, actual " + actual.length);
        }
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i]) {
                if (actual[i]) tp++; else fp++;
            } else {
                if (actual[i]) fn++; else tn++;
            }
        }
        return new Confusion(tp, fp, fn, tn);
    }

    public Confusion plus(Confusion other) {
        return new Confusion(tp + other.tp, fp + other.fp, fn + other.fn, tn + other.tn);
    }

    public double precision() {
        return ratio(tp, tp + fp);
    }

    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** {@code 2tp / (2tp + fp + fn)}: 0 when there is something to find or a false alarm, NaN only when neither. */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
