package dev.microsim.report;

import java.util.List;
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

    CallGraphView {
        services = List.copyOf(services);
        edges = List.copyOf(edges);
    }
}
