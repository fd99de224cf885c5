package dev.microsim.recorder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One ground-truth entry of labels.json (docs/dataset-format.md): the fault as planned and as
 * the runtime actually applied it. {@code actualEnd} is null while (or if) the fault is still on.
 */
public record LabelRecord(String id, String kind, Target target, Map<String, Object> parameters, Instant plannedStart, Instant plannedEnd,
                          Instant actualStart, Instant actualEnd, List<String> rootCauses, List<String> affected) {
    public record Target(String service, String endpoint, List<Integer> replicas, String caller) {
        public Target {
            if (service == null || service.isBlank()) throw new IllegalArgumentException("target.service is required");
            replicas = replicas == null ? null : List.copyOf(replicas);
        }
    }

    public LabelRecord {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is required");
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("kind is required");
        if (target == null) throw new IllegalArgumentException("target is required");
        // In the scenario's order: Map.copyOf's order changes from JVM to JVM, and labels.json writes this one.
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        rootCauses = rootCauses == null ? List.of() : List.copyOf(rootCauses);
        affected = affected == null ? List.of() : List.copyOf(affected);
    }
}
