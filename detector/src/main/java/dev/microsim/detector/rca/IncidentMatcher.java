package dev.microsim.detector.rca;

import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps label-free incidents to ground-truth faults by time: an incident belongs to a fault when it
 * overlaps the fault's window stretched by {@code slack} at the end (effects outlast a recovery by
 * a few seconds: queues drain, retries finish). A fault's ranking is its earliest such incident's.
 * This is the only place incidents meet labels.
 */
public final class IncidentMatcher {

    public static final Duration DEFAULT_SLACK = Duration.ofSeconds(15);

    private final Duration slack;

    public IncidentMatcher(Duration slack) {
        this.slack = slack;
    }

    public IncidentMatcher() {
        this(DEFAULT_SLACK);
    }

    /** {@code dataStart}/{@code dataEnd}: the monitored span, for the false-incident rate. */
    public IncidentMatch match(List<Incident> incidents, List<Fault> faults, Instant dataStart, Instant dataEnd) {
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        Map<String, Integer> perFault = new LinkedHashMap<>();
        List<Incident> byStart = new ArrayList<>(incidents);
        byStart.sort(Comparator.comparing(Incident::start));
        int[] faultsOfIncident = new int[byStart.size()];
        Map<String, List<Integer>> incidentsOfFault = new LinkedHashMap<>();
        long faultMillis = 0;
        for (Fault fault : faults) {
            Instant start = fault.window().start();
            Instant end = fault.window().end().plus(slack);
            faultMillis += Duration.between(start, end).toMillis();
            int count = 0;
            for (int i = 0; i < byStart.size(); i++) {
                Incident incident = byStart.get(i);
                if (incident.start().isBefore(end) && incident.end().isAfter(start)) {
                    if (count == 0) {
                        rankings.put(fault.id(), incident.ranking().services());
                    }
                    count++;
                    faultsOfIncident[i]++;
                    incidentsOfFault.computeIfAbsent(fault.id(), f -> new ArrayList<>()).add(i);
                }
            }
            perFault.put(fault.id(), count);
        }
        int falseIncidents = 0;
        for (int n : faultsOfIncident) {
            falseIncidents += n == 0 ? 1 : 0;
        }
        java.util.Set<String> shared = new java.util.HashSet<>();
        incidentsOfFault.forEach((fault, list) -> {
            if (list.stream().anyMatch(i -> faultsOfIncident[i] > 1)) {
                shared.add(fault);
            }
        });
        double freeHours = Math.max(0, Duration.between(dataStart, dataEnd).toMillis() - faultMillis) / 3_600_000.0;
        return new IncidentMatch(rankings, perFault, shared, falseIncidents, freeHours);
    }
}
