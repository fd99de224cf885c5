package dev.microsim.model.units;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people write them: {@code 250ms}, {@code 2m}, {@code 1.5s}, {@code 1h30m}, {@code 500us}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

    private Durations() {}

    /** @throws IllegalArgumentException with a reason suitable after "field: " */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("empty duration (expected e.g. 250ms, 2s, 5m)");
        if (s.equals("0")) return Duration.ZERO;
        if (s.startsWith("-") && s.length() > 1) return parse(s.substring(1)).negated(); // the caller reports the sign
        Matcher m = PART.matcher(s);
        int pos = 0;
        double nanos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("cannot parse duration \"" + text + "\" (expected a number with a unit ns, us, ms, s, m, h, d, e.g. 250ms)");
            }
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            pos = m.end();
        }
        // A long of nanoseconds is about 292 years; anything past it would wrap or saturate silently.
        if (!(nanos < Long.MAX_VALUE)) throw new IllegalArgumentException("duration \"" + text + "\" is too long (the most a duration can hold is about 292 years)");
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> throw new IllegalStateException(unit);
        };
    }

    /**
     * The shortest exact human form, in the units people write: {@code 1500ms}, {@code 2m},
     * {@code 1m30s}, {@code 100d1s} (never ISO-8601 {@code PT...}, never {@code 8640001s}).
     * Under a minute one unit is used ({@code 1500ms}); from a minute on, parts are joined from
     * days down, so the text reads at a glance and {@link #parse} reads it back exactly.
     */
    public static String format(Duration d) {
        if (d.isNegative()) return "-" + format(d.negated());
        long nanos = d.toNanos();
        if (nanos == 0) return "0s";
        if (nanos >= 60_000_000_000L) return joined(nanos);
        String[] units = {"d", "h", "m", "s", "ms", "us", "ns"};
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        for (int i = 0; i < units.length; i++) {
            if (nanos % sizes[i] == 0) return (nanos / sizes[i]) + units[i];
        }
        return nanos + "ns";
    }

    /** {@link #format}, or "nothing" for null: for messages about a value that may be missing. */
    public static String shown(Duration d) {
        return d == null ? "nothing" : format(d);
    }

    private static String joined(long nanos) {
        StringBuilder b = new StringBuilder();
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L};
        String[] units = {"d", "h", "m", "s"};
        long rest = nanos;
        for (int i = 0; i < sizes.length; i++) {
            if (rest >= sizes[i]) {
                b.append(rest / sizes[i]).append(units[i]);
                rest %= sizes[i];
            }
        }
        if (rest > 0) b.append(format(Duration.ofNanos(rest)));
        return b.toString();
    }
}
