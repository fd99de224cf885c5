package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;
import java.util.OptionalInt;

/**
 * Leaked threads/connections: {@code slots} of each replica's concurrency are held away, so
 * requests queue and, once the queue is full, are rejected with 503. Default: all of them.
 */
public record PoolExhaustion(OptionalInt slots) implements Fault {
    public static final FaultType TYPE = new FaultType("pool-exhaustion", "holds away worker/connection slots so requests queue and are rejected",
            List.of("slots"), true, (p, target) -> {
                p.targetAllows(target, "pool-exhaustion", false, true, false, false);
                int slots = p.integer("slots", 0, 1, 100_000);
                return p.ok() ? new PoolExhaustion(p.has("slots") ? OptionalInt.of(slots) : OptionalInt.empty()) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "holds " + (slots.isPresent() ? slots.getAsInt() + " slot(s)" : "every slot") + " of each replica's pool";
    }

    public Applied inject(Injection in) {
        int limit = in.service().resources().concurrency();
        int n = Math.max(1, (int) Math.round(Math.min(slots.orElse(limit), limit) * in.strength()));
        return in.apply(new Effect.HoldSlots(in.ungradedScope(), n));
    }
}
