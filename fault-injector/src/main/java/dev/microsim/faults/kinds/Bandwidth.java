package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.units.ByteSize;
import java.util.List;

/** Slow bodies: request and response bodies of calls into the service (or an edge) move at {@code rate}. */
public record Bandwidth(long bytesPerSecond) implements Fault {
    public static final FaultType TYPE = new FaultType("bandwidth", "limits call bodies to a byte rate (slow body)",
            List.of("rate"), true, (p, target) -> {
                p.targetAllows(target, "bandwidth", true, false, true, true);
                p.require("rate");
                long rate = p.bytesPerSecond("rate", 0);
                if (p.has("rate") && p.ok() && rate < 1) p.problem("rate", "must be >= 1B/s, got \"" + p.string("rate", "") + "\"");
                return p.ok() ? new Bandwidth(rate) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "limits call bodies to " + new ByteSize(bytesPerSecond) + "/s";
    }

    public Applied inject(Injection in) {
        // A ramp starts wide and narrows: at strength s the limit is rate / s.
        return in.apply(new Effect.Bandwidth(in.ungradedScope(), Math.max(1, Math.round(bytesPerSecond / in.strength()))));
    }
}
