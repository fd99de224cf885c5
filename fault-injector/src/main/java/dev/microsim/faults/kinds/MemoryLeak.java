package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.units.ByteSize;
import java.util.List;

/**
 * Memory that grows by {@code growth} per second until the replica's limit; the runtime then
 * OOM-kills and restarts the replica (a restart is counted) and the leak starts over.
 */
public record MemoryLeak(long growthBytesPerSecond, ByteSize initial) implements Fault {
    public static final FaultType TYPE = new FaultType("memory-leak", "memory grows until the limit, then OOM kill and restart",
            List.of("growth", "initial"), false, (p, target) -> {
                p.targetAllows(target, "memory-leak", false, true, false, false);
                p.require("growth");
                long growth = p.bytesPerSecond("growth", 0);
                if (p.has("growth") && p.ok() && growth < 1) p.problem("growth", "must be > 0, got \"" + growth + "B/s\"");
                ByteSize initial = p.size("initial", ByteSize.ZERO);
                return p.ok() ? new MemoryLeak(growth, initial) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "leaks " + new ByteSize(growthBytesPerSecond) + "/s" + (initial.bytes() > 0 ? " from " + initial : "") + " until OOM kill";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Memory(in.scope(), initial.bytes(), growthBytesPerSecond));
    }
}
