package dev.microsim.detector.rca;

import java.util.List;
import java.util.Map;

/**
 * How incidents line up with the faults (the scoring side, which may see labels): the ranking each
 * fault gets (its first overlapping incident's), and the counts behind "one incident per fault".
 *
 * @param rankings        fault id to ranked services, the format {@code score --ranking} reads
 * @param incidentsPerFault fault id to the number of incidents overlapping it
 * @param sharedFaults    ids of faults whose incident also overlaps another fault (one incident for two faults)
 * @param falseIncidents  incidents overlapping no fault
 * @param faultFreeHours  monitored time outside every fault window (plus slack), in hours
 */
public record IncidentMatch(Map<String, List<String>> rankings, Map<String, Integer> incidentsPerFault, java.util.Set<String> sharedFaults,
                            int falseIncidents, double faultFreeHours) {

    public IncidentMatch {
        rankings = Map.copyOf(rankings);
        incidentsPerFault = Map.copyOf(incidentsPerFault);
        sharedFaults = java.util.Set.copyOf(sharedFaults);
    }

    /** Faults that got exactly one incident of their own (not one shared with another fault). */
    public long faultsWithOneIncident() {
        return incidentsPerFault.entrySet().stream().filter(e -> e.getValue() == 1 && !sharedFaults.contains(e.getKey())).count();
    }

    /** Share of faults with exactly one incident of their own. */
    public double oneIncidentPerFault() {
        return incidentsPerFault.isEmpty() ? Double.NaN : (double) faultsWithOneIncident() / incidentsPerFault.size();
    }

    public double falseIncidentsPerHour() {
        return faultFreeHours > 0 ? falseIncidents / faultFreeHours : Double.NaN;
    }
}
