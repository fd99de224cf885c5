package dev.microsim.model.units;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Events per second, parsed from {@code 200/s}, {@code 30/m}, {@code 5/h}, {@code 12.5/s}. */
public record Rate(double perSecond) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|m|h|sec|min)");

    public Rate {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, got " + perSecond);
        }
    }

    public static Rate parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot parse rate \"" + text + "\" (expected e.g. 200/s, 30/m)");
        }
        double n = Double.parseDouble(m.group(1));
        return new Rate(switch (m.group(2)) {
            case "s", "sec" -> n;
            case "m", "min" -> n / 60;
            default -> n / 3600;
        });
    }

    public static Rate perSecond(double n) {
        return new Rate(n);
    }

    @Override
    public String toString() {
        return (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond)) + "/s";
    }
}
