package dev.microsim.detector.detect;

import java.util.Objects;

/**
 * One tunable parameter of a detector: its name, allowed range and default. {@code integer}
 * parameters (windows, periods) are rounded when a tuner moves them. The range is closed unless
 * {@code lowExclusive} says the low end is open (e.g. a smoothing factor in (0, 1]).
 */
public record ParamSpec(String name, double min, double max, boolean lowExclusive, boolean integer, double defaultValue,
                        String meaning) {

    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meaning, "meaning");
        if (!(min <= max)) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
        if (problem(min, max, lowExclusive, integer, defaultValue) != null) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is outside " + range(min, max, lowExclusive));
        }
    }

    public static ParamSpec real(String name, double min, double max, double defaultValue, String meaning) {
        return new ParamSpec(name, min, max, false, false, defaultValue, meaning);
    }

    public static ParamSpec positive(String name, double max, double defaultValue, String meaning) {
        return new ParamSpec(name, 0, max, true, false, defaultValue, meaning);
    }

    public static ParamSpec whole(String name, int min, int max, int defaultValue, String meaning) {
        return new ParamSpec(name, min, max, false, true, defaultValue, meaning);
    }

    /** Null when the value is allowed, else why not (without the parameter's name). */
    public String problem(double value) {
        return problem(min, max, lowExclusive, integer, value);
    }

    public String range() {
        return range(min, max, lowExclusive);
    }

    /** The value moved into the range (and rounded for whole parameters): what a tuner may try. */
    public double clamp(double value) {
        double v = integer ? Math.rint(value) : value;
        double low = lowExclusive ? Math.nextUp(min) : min;
        return Math.max(low, Math.min(max, v));
    }

    private static String problem(double min, double max, boolean lowExclusive, boolean integer, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "is not a finite number";
        }
        if (value < min || value > max || (lowExclusive && value == min)) {
            return "is outside the allowed range " + range(min, max, lowExclusive);
        }
        if (integer && value != Math.rint(value)) {
            return "must be a whole number in " + range(min, max, lowExclusive);
        }
        return null;
    }

    private static String range(double min, double max, boolean lowExclusive) {
        return (lowExclusive ? "(" : "[") + format(min) + ", " + format(max) + "]";
    }

    public static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
