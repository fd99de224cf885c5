package dev.microsim.faults.effect;

import dev.microsim.model.scenario.EndpointId;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests or replicas an effect touches. For server-side and resource effects,
 * {@code service} is the service the effect acts in; for call (edge) effects it is the callee
 * and {@code caller}, if present, narrows it to calls from that service. {@code share} is the
 * fraction of matching requests affected, drawn once per request by the runtime's seeded random
 * (applied here, once, not in every effect: Toxiproxy's "toxicity").
 */
public record Scope(String service, Optional<EndpointId> endpoint, Optional<Set<Integer>> replicas, Optional<String> caller, double share) {
    public Scope {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("service is required");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        replicas = replicas == null ? Optional.empty() : replicas.map(Set::copyOf);
        caller = caller == null ? Optional.empty() : caller;
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }

    public static Scope service(String service) {
        return new Scope(service, Optional.empty(), Optional.empty(), Optional.empty(), 1.0);
    }

    public static Scope edge(String caller, String callee) {
        return new Scope(callee, Optional.empty(), Optional.empty(), Optional.of(caller), 1.0);
    }

    /** A request arriving at {@code replica} of {@code service} for {@code endpoint} (before the share draw). */
    public boolean matchesServer(String service, int replica, EndpointId endpoint) {
        return this.service.equals(service)
                && this.endpoint.map(endpoint::equals).orElse(true)
                && replicas.map(r -> r.contains(replica)).orElse(true);
    }

    /** A call from {@code caller} to {@code callee}'s {@code endpoint} (before the share draw). */
    public boolean matchesCall(String caller, String callee, EndpointId endpoint) {
        return service.equals(callee)
                && this.caller.map(caller::equals).orElse(true)
                && this.endpoint.map(endpoint::equals).orElse(true);
    }

    /** A replica, for resource effects (CPU, memory, concurrency, telemetry). */
    public boolean matchesReplica(String service, int replica) {
        return this.service.equals(service) && replicas.map(r -> r.contains(replica)).orElse(true);
    }
}
