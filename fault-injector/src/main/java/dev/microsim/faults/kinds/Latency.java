package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.List;

/**
 * Extra latency: on a service or endpoint (server side, before its steps run) or on an edge
 * {@code caller -> service} (on the wire). The delay is fixed, fixed with uniform {@code jitter},
 * or any distribution. A ramp grows the share of delayed requests.
 */
public record Latency(Distribution delay) implements Fault {
    public static final FaultType TYPE = new FaultType("latency", "adds delay to requests of a service, endpoint or edge",
            List.of("delay", "jitter"), true, (p, target) -> {
                p.targetAllows(target, "latency", true, true, true, true);
                if (target.isEdge() && target.replicas().isPresent()) {
                    // On a service latency can be narrowed to replicas; on an edge it acts on the wire of the caller's calls.
                    p.targetProblem("replicas", "latency on an edge (caller \"" + target.caller().get() + "\") acts on the wire and cannot be narrowed"
                            + " to the callee's replicas; remove replicas or caller, got " + target.replicas().get());
                }
                p.require("delay");
                Distribution d = p.distribution("delay", null);
                Duration jitter = p.duration("jitter", Duration.ZERO, Duration.ZERO);
                if (d != null && !jitter.isZero()) {
                    if (!(d instanceof Distribution.Constant c)) {
                        p.problem("jitter", "jitter applies to a plain delay like 200ms; a distribution has its own spread");
                    } else {
                        d = new Distribution.Uniform(c.value().minus(jitter).isNegative() ? Duration.ZERO : c.value().minus(jitter), c.value().plus(jitter));
                    }
                }
                return p.ok() ? new Latency(d) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "adds " + delay.description() + " latency (mean " + Durations.format(delay.mean()) + ")";
    }

    public Applied inject(Injection in) {
        return in.apply(in.target().isEdge() ? new Effect.CallDelay(in.scope(), delay) : new Effect.Delay(in.scope(), delay));
    }
}
