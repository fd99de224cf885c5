package dev.microsim.report;

import dev.microsim.detector.traces.CallGraph;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * The service call graph as a report draws it: services and who calls whom, with call counts and
 * error rates per edge. Made from the detector's call graph (built from traces), never from the scenario.
 */
record CallGraphView(List<String> services, List<Edge> edges) {

    record Edge(String caller, String callee, long calls, double errorRate, double p95Millis) {
        Edge {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(callee, "callee");
        }
    }

    /** Above this many services the page draws the neighbourhood of the services that matter, not the whole mesh. */
    static final int MAX_DRAWN = 150;

    CallGraphView {
        services = List.copyOf(services);
        edges = List.copyOf(edges);
    }

    /** The detector's call graph, as drawn: every service (and {@code "?<operation>"} node) and edge it found. */
    static CallGraphView of(CallGraph graph) {
        return new CallGraphView(graph.services(), graph.edges().stream()
                .map(e -> new Edge(e.caller(), e.callee(), e.calls(), e.errorRate(), e.p95LatencyMs())).toList());
    }

    /**
     * The part of a big graph worth drawing: the focus services (root causes, the ranker's picks,
     * the alarmed) and their direct callers and callees, in that order, cut at {@code max} services.
     * A graph of at most {@code max} services is returned whole.
     */
    CallGraphView around(Collection<String> focus, int max) {
        if (services.size() <= max) {
            return this;
        }
        Set<String> kept = new LinkedHashSet<>();
        focus.stream().filter(services::contains).limit(max).forEach(kept::add);
        for (String f : List.copyOf(kept)) {
            for (Edge e : edges) {
                if (kept.size() >= max) {
                    break;
                }
                if (e.caller().equals(f)) {
                    kept.add(e.callee());
                } else if (e.callee().equals(f)) {
                    kept.add(e.caller());
                }
            }
        }
        List<Edge> keptEdges = edges.stream().filter(e -> kept.contains(e.caller()) && kept.contains(e.callee())).toList();
        return new CallGraphView(List.copyOf(kept), keptEdges);
    }
}
