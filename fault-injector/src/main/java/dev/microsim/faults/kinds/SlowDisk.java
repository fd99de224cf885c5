package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;

/** The service's {@code io} steps take {@code factor} times longer (a slow disk or database volume). */
public record SlowDisk(double factor) implements Fault {
    public static final FaultType TYPE = new FaultType("slow-disk", "stretches the service's io steps by a factor",
            List.of("factor"), true, (p, target) -> {
                p.targetAllows(target, "slow-disk", true, true, false, true);
                double factor = p.number("factor", 5, 1.01, 1000);
                return p.ok() ? new SlowDisk(factor) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "io steps " + factor + "x slower";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Slowdown(in.scope(), 1, factor));
    }
}
