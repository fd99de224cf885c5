package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.List;

/** The target's telemetry (spans, metrics, logs) carries timestamps shifted by {@code offset} (may be negative). */
public record ClockSkew(Duration offset) implements Fault {
    public static final FaultType TYPE = new FaultType("clock-skew", "shifts the timestamps in a service's telemetry",
            List.of("offset"), false, (p, target) -> {
                p.targetAllows(target, "clock-skew", false, true, false, false);
                p.require("offset");
                Duration offset = p.signedDuration("offset", Duration.ZERO);
                if (p.has("offset") && p.ok() && offset.isZero()) p.problem("offset", "must not be 0");
                return p.ok() ? new ClockSkew(offset) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "telemetry clock skewed by " + (offset.isNegative() ? "-" + Durations.format(offset.negated()) : "+" + Durations.format(offset));
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.ClockSkew(in.ungradedScope(), offset));
    }
}
