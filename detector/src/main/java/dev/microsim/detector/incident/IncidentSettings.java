package dev.microsim.detector.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How anomalies become incidents: each signal is scored against its own trailing {@code history}
 * (ending {@code guard} before the point, so a slow onset does not hide itself); a service is
 * anomalous at a point when one of its signals scores at least {@code threshold}; anomalous points
 * closer than {@code mergeGap} join one incident, which needs {@code minDuration} of anomalous
 * points to count; services in one incident must be connected in the call graph (when there is
 * one), else they are separate incidents. Defaults were chosen on the seed-1 runs only.
 */
public record IncidentSettings(Duration history, Duration guard, double threshold, Duration minDuration, Duration mergeGap) {

    public IncidentSettings {
        List<String> problems = new ArrayList<>();
        if (history == null || history.compareTo(Duration.ofSeconds(10)) < 0) {
            problems.add("history: must be at least 10s, was " + history);
        }
        if (guard == null || guard.isNegative()) {
            problems.add("guard: must be >= 0, was " + guard);
        }
        if (!(threshold > 0)) {
            problems.add("threshold: must be > 0, was " + threshold);
        }
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
        return new IncidentSettings(Duration.ofSeconds(120), Duration.ofSeconds(5), 12, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
