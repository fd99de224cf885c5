package dev.microsim.detector.traces;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who calls whom, from traces alone (no scenario, no fault injector): the services, each service's
 * endpoints (its server span names), and the edges with call counts, error rates and latency.
 *
 * <p>Fallbacks, counted rather than hidden: {@code orphanSpans} had a parent id that is not in
 * the dump (they are treated as roots, so no edge comes from them); {@code unansweredCalls} are
 * client spans with no server span beneath them (a crashed, partitioned or dropping callee), put
 * on the edge to the service that answered the same caller's same operation elsewhere in the dump,
 * or on an edge to {@code "?<operation>"} when none ever did ({@code unattributedCalls}).
 */
public record CallGraph(List<String> services, Map<String, List<String>> endpoints, List<Edge> edges, long spans,
                        long orphanSpans, long unansweredCalls, long unattributedCalls) {

    public static final String UNKNOWN_PREFIX = "?";

    public CallGraph {
        services = List.copyOf(services);
        endpoints = Map.copyOf(new TreeMap<>(endpoints));
        edges = List.copyOf(edges);
    }

    public List<String> callees(String caller) {
        return edges.stream().filter(e -> e.caller().equals(caller)).map(Edge::callee).distinct().toList();
    }

    public List<String> callers(String callee) {
        return edges.stream().filter(e -> e.callee().equals(callee)).map(Edge::caller).distinct().toList();
    }

    /** Services with no caller: where requests enter the mesh. */
    public List<String> entryServices() {
        Set<String> called = new LinkedHashSet<>();
        edges.forEach(e -> called.add(e.callee()));
        List<String> entries = new ArrayList<>();
        for (String s : services) {
            if (!called.contains(s)) {
                entries.add(s);
            }
        }
        return entries;
    }

    /** Hops from the nearest entry service (0 for an entry), or -1 when unreachable from one. */
    public int depth(String service) {
        List<String> frontier = entryServices();
        Set<String> seen = new LinkedHashSet<>(frontier);
        for (int depth = 0; !frontier.isEmpty(); depth++) {
            if (frontier.contains(service)) {
                return depth;
            }
            List<String> next = new ArrayList<>();
            for (String s : frontier) {
                for (String callee : callees(s)) {
                    if (seen.add(callee)) {
                        next.add(callee);
                    }
                }
            }
            frontier = next;
        }
        return -1;
    }

    /** Human-readable caveats for reports: the fallbacks above, when any were taken. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (orphanSpans > 0) {
            notes.add(orphanSpans + " of " + spans + " spans name a parent that is not in the dump; they were treated as roots");
        }
        if (unansweredCalls > 0) {
            notes.add(unansweredCalls + " client spans had no server span below them (failed or dropped calls); "
                    + (unansweredCalls - unattributedCalls) + " were put on the edge their operation usually takes"
                    + (unattributedCalls > 0 ? ", " + unattributedCalls + " on \"" + UNKNOWN_PREFIX + "<operation>\" nodes" : ""));
        }
        return notes;
    }
}
