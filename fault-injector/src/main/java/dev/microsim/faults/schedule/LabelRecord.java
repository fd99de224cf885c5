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
 */
public record LabelRecord(String id, String kind, String description, String source, FaultTarget target, Map<String, Object> parameters,
                          Instant plannedStart, Instant plannedEnd, Optional<Instant> actualStart, Optional<Instant> actualEnd,
                          List<String> rootCauses, List<String> affected) {
    public LabelRecord {
        parameters = Map.copyOf(parameters);
        rootCauses = List.copyOf(rootCauses);
        affected = List.copyOf(affected);
    }
}
