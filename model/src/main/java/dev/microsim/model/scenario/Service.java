package dev.microsim.model.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A simulated service: its replicas, per-replica resources and endpoints (in file order). */
public record Service(String name, int replicas, Resources resources, Map<EndpointId, Endpoint> endpoints) {
    public Service {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("service name must be lowercase letters, digits and '-', starting with a letter (a DNS label), got \"" + name + "\"");
        }
        if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
        if (resources == null) resources = Resources.DEFAULT;
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints == null ? Map.of() : endpoints));
    }

    public Optional<Endpoint> endpoint(EndpointId id) {
        return Optional.ofNullable(endpoints.get(id));
    }
}
