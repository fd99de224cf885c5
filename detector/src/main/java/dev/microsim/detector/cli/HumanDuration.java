package dev.microsim.detector.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line as the rest of microsim writes them ({@code 500ms}, {@code 30s},
 * {@code 10m}); ISO-8601 ({@code PT10M}) is accepted too. Written here, small, because the
 * detector module stands alone and does not depend on the scenario model's unit parser.
 */
public final class HumanDuration implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        if (value.toUpperCase(java.util.Locale.ROOT).startsWith("PT")) return Duration.parse(value);
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) throw new TypeConversionException("expected a duration like 500ms, 30s, 10m, got \"" + value + "\"");
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1e3;
            case "m" -> n * 60e3;
            default -> n * 3600e3;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
