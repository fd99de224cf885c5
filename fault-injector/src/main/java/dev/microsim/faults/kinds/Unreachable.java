package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;

/** Calls into the service (from one caller, or all) are refused at once, as if nothing listened. */
public record Unreachable() implements Fault {
    public static final FaultType TYPE = new FaultType("unreachable", "calls to the dependency fail with connection refused",
            List.of(), true, (p, target) -> {
                p.targetAllows(target, "unreachable", true, false, true, true);
                return p.ok() ? new Unreachable() : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "connection refused";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.CallFailure(in.scope(), Effect.CallFailure.Mode.REFUSED));
    }
}
