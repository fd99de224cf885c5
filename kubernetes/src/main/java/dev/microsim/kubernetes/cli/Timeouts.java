package dev.microsim.kubernetes.cli;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Durations on the command line, written like the scenario's: {@code 90s}, {@code 5m}. */
public final class Timeouts implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (d.isZero()) throw new CommandLine.TypeConversionException("must be > 0, got \"" + value + "\"");
        return d;
    }
}
