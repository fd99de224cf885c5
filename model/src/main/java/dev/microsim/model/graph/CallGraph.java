package dev.microsim.model.graph;

import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Service-level call graph of a scenario: who calls whom, and who is upstream of whom. */
public final class CallGraph {
    private final Map<String, Set<String>> callees = new LinkedHashMap<>();
    private final Map<String, Set<String>> callers = new LinkedHashMap<>();

    private CallGraph() {}

    public static CallGraph of(Scenario scenario) {
        CallGraph g = new CallGraph();
        for (Service s : scenario.services().values()) {
            g.callees.putIfAbsent(s.name(), new TreeSet<>());
            g.callers.putIfAbsent(s.name(), new TreeSet<>());
        }
        for (Service s : scenario.services().values()) {
            for (Endpoint e : s.endpoints().values()) g.collect(s.name(), e.steps());
        }
        return g;
    }

    private void collect(String from, List<Step> steps) {
        for (Step step : steps) {
            if (step instanceof Step.Call c) {
                callees.computeIfAbsent(from, k -> new TreeSet<>()).add(c.to().service());
                callers.computeIfAbsent(c.to().service(), k -> new TreeSet<>()).add(from);
            } else if (step instanceof Step.Parallel p) {
                collect(from, p.steps());
            }
        }
    }

    public Set<String> callees(String service) {
        return Collections.unmodifiableSet(callees.getOrDefault(service, Set.of()));
    }

    public Set<String> callers(String service) {
        return Collections.unmodifiableSet(callers.getOrDefault(service, Set.of()));
    }

    /** Every service that calls {@code service}, directly or through others (not {@code service} itself unless in a cycle). */
    public Set<String> upstream(String service) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(callers(service));
        while (!todo.isEmpty()) {
            String s = todo.poll();
            if (seen.add(s)) todo.addAll(callers(s));
        }
        return seen;
    }
}
