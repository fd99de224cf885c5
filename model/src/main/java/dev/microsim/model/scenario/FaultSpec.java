package dev.microsim.model.scenario;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scheduled fault as the scenario states it: what ({@code kind} + {@code parameters}), where
 * ({@code target}), when ({@code at} for {@code duration}, reaching full strength after {@code ramp}).
 * Parameters stay as written (strings and numbers): the fault catalogue owns their meaning and
 * validates them with field paths.
 */
public record FaultSpec(String id, String kind, FaultTarget target, Duration at, Duration duration, Duration ramp,
                        Map<String, Object> parameters) {
    public FaultSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is required");
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("kind is required");
        if (target == null) throw new IllegalArgumentException("target is required");
        if (at == null || at.isNegative()) throw new IllegalArgumentException("at must be >= 0, got " + Durations.shown(at));
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be > 0, got " + Durations.shown(duration));
        }
        if (ramp == null) ramp = Duration.ZERO;
        if (ramp.isNegative() || ramp.compareTo(duration) > 0) {
            throw new IllegalArgumentException("ramp must be between 0 and the duration, got " + Durations.shown(ramp));
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
    }

    public Duration end() {
        return at.plus(duration);
    }
}
