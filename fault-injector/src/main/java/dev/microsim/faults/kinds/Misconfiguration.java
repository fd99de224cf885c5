package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.scenario.FaultTarget;
import java.util.List;
import java.util.Set;

/**
 * A wrong endpoint in the callers' configuration: calls into the service (from {@code caller}, or
 * from every caller) go to {@code path}, which the service does not serve, so they get 404.
 */
public record Misconfiguration(String path) implements Fault {
    public static final FaultType TYPE = new FaultType("misconfiguration", "callers call a wrong path and get 404",
            List.of("path"), true, (p, target) -> {
                p.targetAllows(target, "misconfiguration", true, false, true, true);
                String path = p.string("path", "/misconfigured");
                if (path != null && (!path.startsWith("/") || path.contains(" "))) {
                    p.problem("path", "must start with / and contain no spaces, got \"" + path + "\"");
                }
                return p.ok() ? new Misconfiguration(path) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "callers are configured with the wrong path " + path + " (404)";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Redirect(in.scope(), path));
    }

    /** The configuration at fault is the caller's when one is named. */
    @Override
    public Set<String> rootCauses(FaultTarget target) {
        return Set.of(target.caller().orElse(target.service()));
    }
}
