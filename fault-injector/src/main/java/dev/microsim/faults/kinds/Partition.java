package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.graph.CallGraph;
import dev.microsim.model.scenario.FaultTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network partition. With {@code caller}: the two services cannot reach each other (both
 * directions). Without: the service is cut off from everything, calls in and calls out. Packets
 * are dropped ({@code mode: drop}, callers wait for their timeout) or rejected ({@code mode: reject}).
 */
public record Partition(Effect.CallFailure.Mode mode) implements Fault {
    public static final FaultType TYPE = new FaultType("partition", "cuts the network between two services, or around one",
            List.of("mode"), false, (p, target) -> {
                p.targetAllows(target, "partition", false, false, true, false);
                String mode = p.choice("mode", "drop", Set.of("drop", "reject"));
                return p.ok() ? new Partition(mode.equals("reject") ? Effect.CallFailure.Mode.REFUSED : Effect.CallFailure.Mode.BLACKHOLE) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "network partition (" + (mode == Effect.CallFailure.Mode.BLACKHOLE ? "packets dropped" : "connections rejected") + ")";
    }

    public Applied inject(Injection in) {
        String svc = in.target().service();
        List<Effect> effects = new ArrayList<>();
        if (in.target().caller().isPresent()) {
            String other = in.target().caller().get();
            effects.add(new Effect.CallFailure(Scope.edge(other, svc), mode));
            effects.add(new Effect.CallFailure(Scope.edge(svc, other), mode));
        } else {
            effects.add(new Effect.CallFailure(Scope.service(svc), mode));
            for (String callee : in.callees()) effects.add(new Effect.CallFailure(Scope.edge(svc, callee), mode));
        }
        return in.apply(effects);
    }

    @Override
    public Set<String> rootCauses(FaultTarget target) {
        Set<String> s = new TreeSet<>(Set.of(target.service()));
        target.caller().ifPresent(s::add);
        return s;
    }

    @Override
    public Set<String> alsoAffected(FaultTarget target, CallGraph graph) {
        return Optional.of(target).filter(t -> t.caller().isEmpty()).map(t -> graph.callees(t.service())).orElse(Set.of());
    }
}
