package dev.microsim.model.scenario;

import java.util.Optional;

/**
 * Where a fault acts: a service, optionally narrowed to one endpoint, to some replicas (by index),
 * to the edge from {@code caller} into the service, or to a share of requests.
 */
public record FaultTarget(String service, Optional<EndpointId> endpoint, Optional<java.util.List<Integer>> replicas,
                          Optional<String> caller, double share) {
    public FaultTarget {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("service is required");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        replicas = replicas == null ? Optional.empty() : replicas.map(java.util.List::copyOf);
        caller = caller == null ? Optional.empty() : caller;
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }

    public static FaultTarget service(String service) {
        return new FaultTarget(service, Optional.empty(), Optional.empty(), Optional.empty(), 1.0);
    }

    public boolean isEdge() {
        return caller.isPresent();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        caller.ifPresent(c -> b.append(c).append(" -> "));
        b.append(service);
        endpoint.ifPresent(e -> b.append(' ').append(e));
        replicas.ifPresent(r -> b.append(" replicas ").append(r));
        if (share < 1) b.append(" (").append(Math.round(share * 100)).append("% of requests)");
        return b.toString();
    }
}
