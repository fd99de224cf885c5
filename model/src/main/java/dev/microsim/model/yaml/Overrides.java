package dev.microsim.model.yaml;

import java.time.Duration;
import java.util.Optional;

/**
 * Values a command line puts in place of the file's ({@code microsim run --seed/--duration}).
 * They are applied before validation, so every check (fault windows, load starts, the
 * interval) holds against the run that will really happen, and the resolved scenario written
 * into the dataset validates again.
 */
public record Overrides(Optional<Long> seed, Optional<Duration> duration) {
    public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty());

    public Overrides {
        seed = seed == null ? Optional.empty() : seed;
        duration = duration == null ? Optional.empty() : duration;
    }

    public static Overrides of(Long seed, Duration duration) {
        return new Overrides(Optional.ofNullable(seed), Optional.ofNullable(duration));
    }
}
