package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.graph.CallGraph;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Everything a fault needs to act: the mesh, its own spec (target), the scenario (call graph,
 * replica counts, limits) and the ramp {@code strength} in (0, 1]. Request-level faults grade by
 * the share of requests they touch; resource faults read {@link #strength()} themselves.
 */
public record Injection(MeshTarget mesh, FaultSpec spec, Scenario scenario, CallGraph graph, double strength) {
    public Injection {
        if (!(strength > 0 && strength <= 1)) throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
    }

    public FaultTarget target() {
        return spec.target();
    }

    public Service service() {
        return scenario.service(target().service())
                .orElseThrow(() -> new IllegalStateException("fault " + spec.id() + ": unknown service \"" + target().service() + "\""));
    }

    /** The target as an effect scope, its share graded by the ramp strength. */
    public Scope scope() {
        return scope(1);
    }

    /** The target as an effect scope, share multiplied by {@code factor} and the ramp strength. */
    public Scope scope(double factor) {
        FaultTarget t = target();
        return new Scope(t.service(), t.endpoint(), t.replicas().map(Set::copyOf), t.caller(), t.share() * factor * strength);
    }

    /** The target as written, for faults that grade their own strength (CPU cores, memory, byte rate). */
    public Scope ungradedScope() {
        FaultTarget t = target();
        return new Scope(t.service(), t.endpoint(), t.replicas().map(Set::copyOf), t.caller(), t.share());
    }

    /** The replicas the target names, or all of the service's. */
    public Set<Integer> replicas() {
        return target().replicas().<Set<Integer>>map(TreeSet::new)
                .orElseGet(() -> new TreeSet<>(IntStream.range(0, mesh.replicas(target().service())).boxed().toList()));
    }

    /** Installs every effect or none: if one is refused, the ones already installed are removed and the refusal rethrown. */
    public Applied apply(List<Effect> effects) {
        List<EffectHandle> done = new ArrayList<>();
        try {
            for (Effect e : effects) done.add(mesh.apply(e));
        } catch (RuntimeException e) {
            for (int i = done.size() - 1; i >= 0; i--) {
                try {
                    done.get(i).remove();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new EffectsApplied(done);
    }

    public Applied apply(Effect... effects) {
        return apply(List.of(effects));
    }

    /** Services directly called by the target service, in name order. */
    public Set<String> callees() {
        return new LinkedHashSet<>(graph.callees(target().service()));
    }
}
