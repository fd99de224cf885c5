package dev.microsim.detector.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How anomalous services become incidents: anomalous points closer than {@code mergeGap} join one
 * incident, which needs {@code minDuration} of anomalous points to count; services in one incident
 * must be connected in the call graph (when there is one), else they are separate incidents.
 * Defaults were chosen on the seed-1 runs only.
 */
public record IncidentSettings(Duration minDuration, Duration mergeGap) {

    public IncidentSettings {
        List<String> problems = new ArrayList<>();
        if (minDuration == null || minDuration.isNegative() || minDuration.isZero()) {
            problems.add("minDuration: must be positive, was " + minDuration);
        }
        if (mergeGap == null || mergeGap.isNegative()) {
            problems.add("mergeGap: must be >= 0, was " + mergeGap);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static IncidentSettings defaults() {
        return new IncidentSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
