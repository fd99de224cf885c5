package dev.microsim.detector.incident;

import dev.microsim.detector.rank.IncidentWindow;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.Ranking;
import dev.microsim.detector.rank.RootCauseRanker;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.traces.CallGraph;
import dev.microsim.detector.traces.Edge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Event correlation: finds incidents in {@link Observations} without labels and ranks each one's
 * root cause. A fault makes many services anomalous at once; grouping anomalies that are close in
 * time ({@link IncidentSettings#mergeGap()}) and connected in the call graph (within two hops, so a
 * quiet service between two loud ones does not split them) turns twenty alarms into one incident.
 */
public final class IncidentDetector {

    /** The normal period a ranker compares an incident with: this long before its onset. */
    public static final java.time.Duration RANKING_BASELINE = java.time.Duration.ofSeconds(60);
    private final ServiceAnomalies anomalies;
    private final IncidentSettings settings;
    private final RootCauseRanker ranker;

    public IncidentDetector(ServiceAnomalies anomalies, IncidentSettings settings, RootCauseRanker ranker) {
        this.anomalies = anomalies;
        this.settings = settings;
        this.ranker = ranker;
    }

    /** MicroSim's own robust anomalies, default grouping. */
    public IncidentDetector(RootCauseRanker ranker) {
        this(RobustAnomalies.defaults(), IncidentSettings.defaults(), ranker);
    }

    public String description() {
        return "incidents from " + anomalies.description() + ": at least " + settings.minDuration().toSeconds() + " s, gaps under "
                + settings.mergeGap().toSeconds() + " s merged, split by call-graph connectivity; ranked by " + ranker.name();
    }

    public List<Incident> detect(Observations observations) {
        TimeGrid grid = observations.grid();
        int mergeGap = settings.mergeGap().isZero() ? 0 : grid.binsFor(settings.mergeGap().toMillis());
        int minBins = grid.binsFor(settings.minDuration().toMillis());
        List<Set<String>> anomalous = anomalies.anomalousByBin(observations);
        List<int[]> runs = new ArrayList<>(); // [first, last] bins of merged anomalous stretches
        int first = -1, last = -1;
        for (int b = 0; b < grid.bins(); b++) {
            if (anomalous.get(b).isEmpty()) {
                continue;
            }
            if (first >= 0 && b - last - 1 <= mergeGap) {
                last = b;
            } else {
                if (first >= 0) {
                    runs.add(new int[] {first, last});
                }
                first = b;
                last = b;
            }
        }
        if (first >= 0) {
            runs.add(new int[] {first, last});
        }
        List<Group> groups = new ArrayList<>();
        for (int[] run : runs) {
            groups.addAll(split(run, anomalous, observations.callGraph().orElse(null), minBins));
        }
        groups.sort(java.util.Comparator.comparingInt(g -> g.first));
        List<Incident> incidents = new ArrayList<>();
        int previousEnd = -1;
        int loadStart = AnomalyTimeline.loadStart(observations);
        for (Group g : groups) {
            IncidentWindow window = window(grid, g.first, g.last, Math.max(previousEnd, loadStart - 1));
            if (window == null) {
                continue; // no normal period before it at all (the run's very start): nothing to compare with
            }
            // a part of the mesh no call path joins to the anomalous services cannot explain them: rank within reach
            Observations scope = g.reach == null ? observations : observations.restrictedTo(g.reach);
            Ranking ranking = ranker.rank(scope, window);
            String suspected = ranking.candidates().isEmpty() ? null : ranking.candidates().get(0).service();
            incidents.add(new Incident("incident-" + (incidents.size() + 1), grid.instant(g.first), grid.instant(g.last + 1),
                    g.servicesByOnset(), suspected, ranking));
            previousEnd = Math.max(previousEnd, g.last);
        }
        return incidents;
    }

    /**
     * The ranking window: the incident, and up to a minute before it that is not part of the
     * previous incident (nor before the load started: {@code previousEnd} is then the last idle bin).
     */
    static IncidentWindow window(TimeGrid grid, int onset, int end, int previousEnd) {
        int wanted = grid.binsFor(RANKING_BASELINE.toMillis());
        int start = Math.max(0, onset - wanted);
        if (previousEnd >= start && onset - (previousEnd + 1) >= wanted / 4) {
            start = previousEnd + 1;
        }
        if (onset - start < IncidentWindow.MIN_BASELINE_BINS) {
            return null;
        }
        return new IncidentWindow(start, onset, end);
    }

    private List<Group> split(int[] run, List<Set<String>> anomalous, CallGraph graph, int minBins) {
        Map<String, Integer> onset = new LinkedHashMap<>();
        for (int b = run[0]; b <= run[1]; b++) {
            for (String s : anomalous.get(b)) {
                onset.putIfAbsent(s, b);
            }
        }
        List<Set<String>> components = components(onset.keySet(), graph);
        boolean split = components.size() > 1;
        List<Group> groups = new ArrayList<>();
        for (Set<String> component : components) {
            Group g = new Group();
            for (int b = run[0]; b <= run[1]; b++) {
                boolean any = false;
                for (String s : anomalous.get(b)) {
                    if (component.contains(s)) {
                        any = true;
                        g.onsets.merge(s, b, Math::min);
                    }
                }
                if (any) {
                    g.count++;
                    g.first = g.first < 0 ? b : g.first;
                    g.last = b;
                }
            }
            if (split) {
                g.reach = reach(component, graph);
            }
            if (g.count >= minBins) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** Connected components of the anomalous services, two services joined when within two call-graph hops. */
    static List<Set<String>> components(Set<String> services, CallGraph graph) {
        if (graph == null) {
            return List.of(new HashSet<>(services));
        }
        Map<String, Set<String>> neighbours = neighbours(graph);
        List<Set<String>> components = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : services) {
            if (!seen.add(start)) {
                continue;
            }
            Set<String> component = new HashSet<>();
            List<String> frontier = new ArrayList<>(List.of(start));
            while (!frontier.isEmpty()) {
                String s = frontier.remove(frontier.size() - 1);
                component.add(s);
                Set<String> near = new HashSet<>(neighbours.getOrDefault(s, Set.of()));
                for (String n : List.copyOf(near)) {
                    near.addAll(neighbours.getOrDefault(n, Set.of()));
                }
                for (String n : near) {
                    if (services.contains(n) && seen.add(n)) {
                        frontier.add(n);
                    }
                }
            }
            components.add(component);
        }
        return components;
    }

    /** The services within two call-graph hops of any of these. */
    static Set<String> reach(Set<String> services, CallGraph graph) {
        Map<String, Set<String>> neighbours = neighbours(graph);
        Set<String> reach = new HashSet<>(services);
        for (int hop = 0; hop < 2; hop++) {
            for (String s : List.copyOf(reach)) {
                reach.addAll(neighbours.getOrDefault(s, Set.of()));
            }
        }
        return reach;
    }

    private static Map<String, Set<String>> neighbours(CallGraph graph) {
        Map<String, Set<String>> neighbours = new HashMap<>();
        for (Edge e : graph.edges()) {
            neighbours.computeIfAbsent(e.caller(), k -> new HashSet<>()).add(e.callee());
            neighbours.computeIfAbsent(e.callee(), k -> new HashSet<>()).add(e.caller());
        }
        return neighbours;
    }

    private static final class Group {
        Set<String> reach;
        int first = -1;
        int last = -1;
        int count;
        final Map<String, Integer> onsets = new LinkedHashMap<>();

        List<String> servicesByOnset() {
            return onsets.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
        }
    }
}
