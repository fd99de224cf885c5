package dev.microsim.detector.incident;

import dev.microsim.detector.rank.Ranking;
import java.time.Instant;
import java.util.List;

/**
 * Anomalies close in time and connected in the call graph, grouped: when it started and ended,
 * which services were anomalous (first anomalous first), the suspected root cause and the full
 * ranking with explanations. Label-free: no fault id; the scorer matches incidents to faults.
 */
public record Incident(String id, Instant start, Instant end, List<String> anomalousServices, String suspectedRootCause, Ranking ranking) {

    public Incident {
        anomalousServices = List.copyOf(anomalousServices);
    }
}
