package dev.microsim.faults.schedule;

import dev.microsim.model.scenario.FaultTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ground truth for one fault, as planned and as applied ({@code actual*} = the runtime's
 * acknowledgement of inject/recover; empty while not yet applied or if the run died with it applied).
 * {@code source} is {@code schedule} for scenario faults, {@code control-api} for faults injected by hand.
 * {@code mechanism} says what carried it ({@code in-process}, or e.g. {@code chaos-mesh/NetworkChaos delay} on Kubernetes).
 * {@code cancelled} says why a fault never acted (recovered by hand before its planned start).
 */
public record LabelRecord(String id, String kind, String description, String source, FaultTarget target, Map<String, Object> parameters,
                          Instant plannedStart, Instant plannedEnd, Optional<Instant> actualStart, Optional<Instant> actualEnd,
                          List<String> rootCauses, List<String> affected, String mechanism, Optional<String> cancelled) {
    public LabelRecord {
        cancelled = cancelled == null ? Optional.empty() : cancelled;
        // In the scenario's order: Map.copyOf's order changes from JVM to JVM, and labels.json writes this one.
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        rootCauses = List.copyOf(rootCauses);
        affected = List.copyOf(affected);
        if (mechanism == null || mechanism.isBlank()) mechanism = dev.microsim.faults.kinds.FaultMechanism.IN_PROCESS_NAME;
    }

    /** A label of a fault carried in process (local mode). */
    public LabelRecord(String id, String kind, String description, String source, FaultTarget target, Map<String, Object> parameters,
                       Instant plannedStart, Instant plannedEnd, Optional<Instant> actualStart, Optional<Instant> actualEnd,
                       List<String> rootCauses, List<String> affected) {
        this(id, kind, description, source, target, parameters, plannedStart, plannedEnd, actualStart, actualEnd, rootCauses, affected, null, Optional.empty());
    }
}
