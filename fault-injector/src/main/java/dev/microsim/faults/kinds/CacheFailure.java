package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.graph.CallGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The target service's cache stops hitting: each call it makes to its backend (or to every service
 * it calls) is made {@code factor} times, as misses fall through to the backend.
 */
public record CacheFailure(double factor, Optional<String> backend) implements Fault {
    public static final FaultType TYPE = new FaultType("cache-failure", "a service's cache misses: its calls to the backend multiply",
            List.of("factor", "backend"), true, (p, target) -> {
                p.targetAllows(target, "cache-failure", false, false, false, true);
                double factor = p.number("factor", 3, 1.1, 100);
                String backend = p.string("backend", null);
                if (backend != null && backend.equals(target.service())) p.problem("backend", "must be a service the target calls, not the target itself");
                return p.ok() ? new CacheFailure(factor, Optional.ofNullable(backend)) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "cache misses: calls to " + backend.orElse("every backend") + " multiplied by " + factor;
    }

    public Applied inject(Injection in) {
        String svc = in.target().service();
        Set<String> callees = in.callees();
        if (backend.isPresent() && !callees.contains(backend.get())) {
            throw new IllegalStateException("cache-failure on \"" + svc + "\": it never calls backend \"" + backend.get() + "\" (it calls " + callees + ")");
        }
        if (callees.isEmpty()) throw new IllegalStateException("cache-failure on \"" + svc + "\": it calls no other service, so nothing can multiply");
        List<Effect> effects = new ArrayList<>();
        for (String callee : backend.map(Set::of).orElse(callees)) {
            effects.add(new Effect.Amplify(new Scope(callee, Optional.empty(), Optional.empty(), Optional.of(svc), in.target().share() * in.strength()), factor));
        }
        return in.apply(effects);
    }

    @Override
    public Set<String> alsoAffected(dev.microsim.model.scenario.FaultTarget target, CallGraph graph) {
        return backend.map(Set::of).orElse(graph.callees(target.service()));
    }
}
