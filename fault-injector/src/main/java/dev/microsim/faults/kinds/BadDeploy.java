package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bad version rolled to a share of replicas ({@code rollout}, or the target's replicas): its
 * compute steps cost {@code cpuFactor} times more and it fails {@code errorRate} of its requests.
 */
public record BadDeploy(double cpuFactor, double errorRate, double rollout) implements Fault {
    public static final FaultType TYPE = new FaultType("bad-deploy", "new version on some replicas: more CPU per request and/or errors",
            List.of("cpuFactor", "errorRate", "rollout"), false, (p, target) -> {
                p.targetAllows(target, "bad-deploy", true, true, false, false);
                double cpu = p.number("cpuFactor", 1, 1, 100);
                double err = p.fraction("errorRate", 0, 0);
                double rollout = p.number("rollout", 0.5, 0.01, 1);
                if (p.has("rollout") && target.replicas().isPresent()) {
                    p.problem("rollout", "give either rollout or target.replicas, not both");
                }
                if (p.ok() && cpu == 1 && err == 0) p.problem("cpuFactor", "a bad deploy needs cpuFactor > 1 or errorRate > 0; both are neutral");
                return p.ok() ? new BadDeploy(cpu, err, rollout) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "bad deploy on " + Math.round(rollout * 100) + "% of replicas: CPU x" + cpuFactor + ", " + Math.round(errorRate * 100) + "% errors";
    }

    /** The replicas running the bad version: the target's, or the first ceil(rollout * n). */
    Set<Integer> rolledTo(Injection in) {
        if (in.target().replicas().isPresent()) return in.replicas();
        int n = in.mesh().replicas(in.target().service());
        Set<Integer> s = new TreeSet<>();
        for (int i = 0; i < Math.max(1, (int) Math.ceil(rollout * n)); i++) s.add(i);
        return s;
    }

    public Applied inject(Injection in) {
        Scope base = in.scope();
        Scope scope = new Scope(base.service(), base.endpoint(), Optional.of(rolledTo(in)), Optional.empty(), 1.0);
        List<Effect> effects = new ArrayList<>();
        if (cpuFactor > 1) effects.add(new Effect.Slowdown(scope, cpuFactor, 1));
        if (errorRate > 0) {
            effects.add(new Effect.Abort(new Scope(scope.service(), scope.endpoint(), scope.replicas(), Optional.empty(), errorRate), 500, null));
        }
        return in.apply(effects);
    }
}
