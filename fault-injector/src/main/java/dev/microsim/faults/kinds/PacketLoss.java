package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;
import java.util.Set;

/**
 * Lost packets on calls into the service (an edge when {@code caller} is set): the connection is
 * reset ({@code mode: reset}) or the call hears nothing until its timeout ({@code mode: drop}).
 * The loss rate is the target's {@code share}.
 */
public record PacketLoss(Effect.CallFailure.Mode mode) implements Fault {
    public static final FaultType TYPE = new FaultType("packet-loss", "calls are reset or dropped; the loss rate is the target's share",
            List.of("mode"), true, (p, target) -> {
                p.targetAllows(target, "packet-loss", true, false, true, true);
                String mode = p.choice("mode", "reset", Set.of("reset", "drop"));
                return p.ok() ? new PacketLoss(mode.equals("drop") ? Effect.CallFailure.Mode.BLACKHOLE : Effect.CallFailure.Mode.RESET) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return mode == Effect.CallFailure.Mode.RESET ? "connections reset" : "packets dropped until the caller's timeout";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.CallFailure(in.scope(), mode));
    }
}
