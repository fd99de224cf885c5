package dev.microsim.kubernetes.chaos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One chaos resource to create for a fault: its kind, a short action name (for the label's
 * mechanism and the resource name), the pods it selects, an optional NetworkChaos target, and the
 * kind-specific spec fields (the selector, target and duration are filled in when it is created).
 */
public record ChaosPlan(ChaosKind kind, String action, Selection selector, Optional<Selection> target, Map<String, Object> fields) {
    public ChaosPlan {
        target = target == null ? Optional.empty() : target;
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** What the label records as the mechanism, e.g. {@code chaos-mesh/NetworkChaos delay}. */
    public String mechanism() {
        return "chaos-mesh/" + kind.kind() + " " + action;
    }
}
