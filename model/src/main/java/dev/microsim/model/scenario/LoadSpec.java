package dev.microsim.model.scenario;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * One entry of the scenario's {@code load} list. It runs from {@code start} for {@code duration}
 * (default: until the scenario ends) and never sends more than {@code maxRequests} if set:
 * every load loop is bounded in time and count.
 */
public record LoadSpec(String name, LoadProfile profile, Workload workload, Duration start, Optional<Duration> duration, Optional<Long> maxRequests) {
    public LoadSpec {
        if (profile == null) throw new IllegalArgumentException("profile is required");
        if (workload == null) throw new IllegalArgumentException("target or journeys is required");
        if (start == null) start = Duration.ZERO;
        if (start.isNegative()) throw new IllegalArgumentException("start must be >= 0, got " + Durations.shown(start));
        duration = duration == null ? Optional.empty() : duration;
        maxRequests = maxRequests == null ? Optional.empty() : maxRequests;
        duration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be > 0, got " + Durations.shown(d));
        });
        maxRequests.ifPresent(n -> {
            if (n < 1) throw new IllegalArgumentException("maxRequests must be >= 1, got " + n);
        });
    }

    public static LoadSpec of(String name, LoadProfile profile, EndpointRef target) {
        return new LoadSpec(name, profile, new Workload.Single(target), Duration.ZERO, Optional.empty(), Optional.empty());
    }

    /** How long this entry runs inside a scenario of the given length. */
    public Duration effectiveDuration(Duration scenarioDuration) {
        Duration left = scenarioDuration.minus(start);
        return duration.map(d -> d.compareTo(left) < 0 ? d : left).orElse(left);
    }
}
