package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;

/** Burns CPU on the target replicas in background work accounted to them; requests compete for the cores. */
public record CpuHog(double cores) implements Fault {
    public static final FaultType TYPE = new FaultType("cpu-hog", "burns CPU cores on the target replicas",
            List.of("cores"), true, (p, target) -> {
                p.targetAllows(target, "cpu-hog", false, true, false, false);
                double cores = p.number("cores", 1, 0.05, 16);
                return p.ok() ? new CpuHog(cores) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "burns " + cores + " CPU core(s) per replica";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.CpuBurn(in.ungradedScope(), cores * in.strength()));
    }
}
