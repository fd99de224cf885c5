package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;

/** Requests are accepted and never answered: each holds its slot until the caller times out or the fault ends. */
public record Hang() implements Fault {
    public static final FaultType TYPE = new FaultType("hang", "requests get no answer until the caller times out",
            List.of(), true, (p, target) -> {
                p.targetAllows(target, "hang", true, true, false, true);
                return p.ok() ? new Hang() : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "accepts requests and never answers";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Hang(in.scope()));
    }
}
