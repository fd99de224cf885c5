package dev.microsim.detector.rank;

import dev.microsim.detector.traces.CallGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything a ranker may look at, label-free: signals on one time grid, the call graph when
 * traces were there, and notes on what was missing (metrics only, orphan spans, ...), which the
 * ranking repeats so no fallback goes unmentioned.
 */
public record Observations(String source, TimeGrid grid, List<Signal> signals, Optional<CallGraph> callGraph, List<String> notes) {

    public Observations {
        signals = List.copyOf(signals);
        callGraph = callGraph == null ? Optional.empty() : callGraph;
        notes = List.copyOf(notes);
    }

    /** Every service a signal tells about (callees of calls included), sorted. */
    public List<String> services() {
        TreeSet<String> services = new TreeSet<>();
        for (Signal s : signals) {
            services.add(s.service());
            if (s.isCall() && !s.peer().startsWith(CallGraph.UNKNOWN_PREFIX)) {
                services.add(s.peer());
            }
        }
        callGraph.ifPresent(g -> g.services().stream().filter(s -> !s.startsWith(CallGraph.UNKNOWN_PREFIX)).forEach(services::add));
        return new ArrayList<>(services);
    }

    public Map<String, List<Signal>> signalsByService() {
        Map<String, List<Signal>> byService = new LinkedHashMap<>();
        for (Signal s : signals) {
            byService.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s);
        }
        return byService;
    }

    /** The same observations about these services only (calls between two of them kept), for one part of the mesh. */
    public Observations restrictedTo(java.util.Set<String> keep) {
        List<Signal> kept = signals.stream().filter(s -> keep.contains(s.service()) && (!s.isCall() || keep.contains(s.peer()))).toList();
        Optional<CallGraph> graph = callGraph.map(g -> new CallGraph(g.services().stream().filter(keep::contains).toList(),
                new java.util.TreeMap<>(g.endpoints().entrySet().stream().filter(e -> keep.contains(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                g.edges().stream().filter(e -> keep.contains(e.caller()) && keep.contains(e.callee())).toList(),
                g.spans(), g.orphanSpans(), g.unansweredCalls(), g.unattributedCalls()));
        return new Observations(source, grid, kept, graph, notes);
    }

    public boolean hasTraces() {
        return signals.stream().anyMatch(s -> s.source() == Signal.Source.TRACE);
    }

    public boolean hasLogs() {
        return signals.stream().anyMatch(s -> s.source() == Signal.Source.LOG);
    }
}
