package dev.microsim.model.units;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU capacity as Kubernetes writes it: {@code 1}, {@code 0.5}, {@code 500m} (millicores). */
public record CpuCores(long millicores) {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(m?)");

    public CpuCores {
        if (millicores <= 0) throw new IllegalArgumentException("cpu must be > 0, got " + millicores + "m");
    }

    public static CpuCores parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot parse cpu \"" + text + "\" (expected cores like 1, 0.5 or millicores like 500m)");
        }
        double n = Double.parseDouble(m.group(1));
        long milli = Math.round(m.group(2).isEmpty() ? n * 1000 : n);
        if (milli <= 0) throw new IllegalArgumentException("cpu must be > 0, got \"" + text + "\"");
        return new CpuCores(milli);
    }

    public double cores() {
        return millicores / 1000.0;
    }

    @Override
    public String toString() {
        return millicores % 1000 == 0 ? String.valueOf(millicores / 1000) : millicores + "m";
    }
}
