package dev.microsim.detector.classify;

import java.util.Objects;

/** The perceptron's verdict on a series: its kind (null: not classified), the period when periodic, and the features behind it. */
public record SeriesClass(SeriesKind kind, int period, SeriesFeatures features) {

    public SeriesClass {
        Objects.requireNonNull(features, "features");
        if (kind == SeriesKind.PERIODIC && period < 2) {
            throw new IllegalArgumentException("a periodic class needs a period >= 2, was " + period);
        }
    }

    /** For a pipeline that does not classify: labelled {@code unclassified}. */
    public static SeriesClass unclassified() {
        return new SeriesClass(null, 0, new SeriesFeatures(0, 0, 0, 0, 0, 0, 0, Double.NaN));
    }

    /** e.g. {@code periodic(60)}, {@code stationary}, {@code random-walk}. */
    public String label() {
        if (kind == null) {
            return "unclassified";
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return kind == SeriesKind.PERIODIC ? name + "(" + period + ")" : name;
    }

    /** Same kind and, for periodic series, a period within 10% (a re-estimate wobbles). */
    public boolean sameCharacter(SeriesClass other) {
        if (kind != other.kind) {
            return false;
        }
        return kind != SeriesKind.PERIODIC || Math.abs(period - other.period) <= Math.max(1, period / 10);
    }
}
