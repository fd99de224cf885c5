package dev.microsim.detector.detect;

import java.util.Objects;

/**
 * Why a detector scored a point as it did: the value, what the detector expected there, how far off
 * that is in the detector's own units, and a sentence a user can read, e.g.
 * {@code "value 250 is 31.2 sd above the EWMA mean 10.1 (alarm at 4 sd)"}.
 */
public record Explanation(double value, double expected, double deviation, String reason) {

    public Explanation {
        Objects.requireNonNull(reason, "reason");
    }

    public static Explanation warmingUp(double value, int seen, int needed) {
        return new Explanation(value, Double.NaN, 0, "warming up (" + seen + " of " + needed + " points seen)");
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(java.util.Locale.ROOT, "%.3g", v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
