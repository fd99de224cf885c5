package dev.microsim.model.units;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, parsed from {@code 4KiB}, {@code 256Mi}, {@code 1.5MB}, {@code 512}. */
public record ByteSize(long bytes) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B?|[kKMGT]B|B)?");

    public static final ByteSize ZERO = new ByteSize(0);

    public ByteSize {
        if (bytes < 0) throw new IllegalArgumentException("size must be >= 0, got " + bytes);
    }

    public static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot parse size \"" + text + "\" (expected e.g. 512, 4KiB, 256Mi, 1.5MB)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        double bytes = n * multiplier(unit);
        if (!(bytes < Long.MAX_VALUE)) throw new IllegalArgumentException("size \"" + text + "\" is too large to count in bytes");
        return new ByteSize(Math.round(bytes));
    }

    private static double multiplier(String unit) {
        boolean binary = unit.contains("i") || (unit.length() == 1 && !unit.equals("B"));
        char c = Character.toUpperCase(unit.charAt(0));
        int power = switch (c) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            default -> 0;
        };
        return Math.pow(binary ? 1024 : 1000, power);
    }

    public static ByteSize ofKiB(long kib) {
        return new ByteSize(kib * 1024);
    }

    @Override
    public String toString() {
        if (bytes != 0 && bytes % (1L << 40) == 0) return (bytes >> 40) + "TiB";
        if (bytes != 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GiB";
        if (bytes != 0 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + "MiB";
        if (bytes != 0 && bytes % 1024 == 0) return bytes / 1024 + "KiB";
        return bytes + "B";
    }
}
