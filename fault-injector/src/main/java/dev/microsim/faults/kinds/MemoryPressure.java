package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.units.ByteSize;
import java.util.List;

/** Holds a fixed amount of memory on the target replicas (below or at the limit: at the limit it OOM-kills). */
public record MemoryPressure(ByteSize size) implements Fault {
    public static final FaultType TYPE = new FaultType("memory-pressure", "holds a fixed amount of memory on the target replicas",
            List.of("size"), true, (p, target) -> {
                p.targetAllows(target, "memory-pressure", false, true, false, false);
                p.require("size");
                ByteSize size = p.size("size", ByteSize.ZERO);
                if (p.has("size") && p.ok() && size.bytes() == 0) p.problem("size", "must be > 0, got \"" + p.string("size", "0") + "\"");
                return p.ok() ? new MemoryPressure(size) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "holds " + size + " of memory per replica";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Memory(in.ungradedScope(), Math.round(size.bytes() * in.strength()), 0));
    }
}
