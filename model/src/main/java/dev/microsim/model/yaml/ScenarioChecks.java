package dev.microsim.model.yaml;

import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-reference checks on a structurally valid scenario: calls and load targets that name
 * unknown services or endpoints, call cycles (a request that would recurse forever), services
 * no load reaches, and faults aimed at nothing or outside the run.
 */
final class ScenarioChecks {
    private final Scenario scenario;
    private final Set<String> declaredServices;
    private final Diagnostics d;
    /** Every call step with the field path it was written at, per calling endpoint. */
    private final Map<EndpointRef, List<CallSite>> calls = new LinkedHashMap<>();

    private record CallSite(Step.Call call, String path) {}

    /** How messages name the run's length: the file's {@code duration}, or a command line's override of it. */
    private final String durationName;

    private ScenarioChecks(Scenario scenario, Set<String> declaredServices, Diagnostics diagnostics, String durationName) {
        this.scenario = scenario;
        this.declaredServices = declaredServices;
        this.d = diagnostics;
        this.durationName = durationName;
    }

    /**
     * {@code declaredServices} are all names in the file: a service left out of a partial scenario
     * because of its own errors is not reported again as unknown wherever it is referenced.
     */
    static void run(Scenario scenario, Set<String> declaredServices, Diagnostics diagnostics, String durationName) {
        ScenarioChecks c = new ScenarioChecks(scenario, declaredServices, diagnostics, durationName);
        c.checkSize();
        c.checkInterval();
        c.collectCalls();
        boolean refsOk = c.checkCallReferences();
        c.checkLoad();
        c.checkCycles();
        c.checkFaults();
        // Reachability of a partial scenario would warn about services whose callers had errors.
        if (refsOk && !diagnostics.hasErrors()) c.checkReachability();
    }

    /** Limits over the whole mesh (each field's own range is checked where it is read). */
    private void checkSize() {
        if (declaredServices.size() > Limits.MAX_SERVICES) {
            d.error("services", declaredServices.size() + " services: a scenario may have at most " + Limits.MAX_SERVICES);
        }
        int replicas = scenario.services().values().stream().mapToInt(Service::replicas).sum();
        if (replicas > Limits.MAX_TOTAL_REPLICAS) {
            d.error("services", replicas + " replicas over all services: at most " + Limits.MAX_TOTAL_REPLICAS
                    + " (each replica holds a server and its share of connection pools in the one JVM)");
        }
    }

    private void checkInterval() {
        if (scenario.duration().compareTo(ScenarioReader.UNKNOWN_DURATION) != 0 && scenario.interval().compareTo(scenario.duration()) > 0) {
            d.error("interval", "interval " + Durations.format(scenario.interval()) + " is longer than " + durationName + " "
                    + Durations.format(scenario.duration()) + ": not one interval of telemetry would be complete");
        }
    }

    private void collectCalls() {
        for (Service s : scenario.services().values()) {
            for (Endpoint e : s.endpoints().values()) {
                List<CallSite> sites = new ArrayList<>();
                String base = FieldPath.key(FieldPath.key(FieldPath.key("services", s.name()), "endpoints"), e.id().toString());
                collect(e.steps(), FieldPath.key(base, "steps"), sites);
                calls.put(new EndpointRef(s.name(), e.id()), sites);
            }
        }
    }

    private static void collect(List<Step> steps, String path, List<CallSite> out) {
        for (int i = 0; i < steps.size(); i++) {
            String p = FieldPath.index(path, i);
            if (steps.get(i) instanceof Step.Call c) out.add(new CallSite(c, FieldPath.key(p, "call")));
            if (steps.get(i) instanceof Step.Parallel par) collect(par.steps(), FieldPath.key(p, "parallel"), out);
        }
    }

    private boolean checkCallReferences() {
        boolean ok = true;
        for (List<CallSite> sites : calls.values()) {
            for (CallSite site : sites) ok &= checkRef(site.call().to(), site.path());
        }
        return ok;
    }

    /** Reports an unknown service or endpoint, with the closest existing name. */
    private boolean checkRef(EndpointRef ref, String path) {
        Service target = scenario.services().get(ref.service());
        if (target == null && declaredServices.contains(ref.service())) return false;
        if (target == null) {
            d.error(path, "unknown service \"" + ref.service() + "\"" + Suggestions.didYouMean(ref.service(), scenario.services().keySet()));
            return false;
        }
        if (!target.endpoints().containsKey(ref.endpoint())) {
            List<String> names = target.endpoints().keySet().stream().map(Object::toString).toList();
            d.error(path, "service \"" + ref.service() + "\" has no endpoint \"" + ref.endpoint() + "\""
                    + Suggestions.didYouMean(ref.endpoint().toString(), names) + "; it has: " + String.join(", ", names));
            return false;
        }
        return true;
    }

    private void checkLoad() {
        for (int i = 0; i < scenario.load().size(); i++) {
            LoadSpec spec = scenario.load().get(i);
            String path = FieldPath.index("load", i);
            if (spec.workload() instanceof Workload.Single single) {
                checkRef(single.target(), FieldPath.key(path, "target"));
            } else if (spec.workload() instanceof Workload.Journeys js) {
                for (int j = 0; j < js.journeys().size(); j++) {
                    var visits = js.journeys().get(j).visits();
                    for (int k = 0; k < visits.size(); k++) {
                        String vpath = FieldPath.index(FieldPath.key(FieldPath.index(FieldPath.key(path, "journeys"), j), "requests"), k);
                        checkRef(visits.get(k).target(), visits.get(k).think() == null ? vpath : FieldPath.key(vpath, "target"));
                    }
                }
            }
            if (spec.start().compareTo(scenario.duration()) >= 0) {
                d.error(FieldPath.key(path, "start"), "load starts at " + Durations.format(spec.start())
                        + ", at or after the run ends (" + durationName + " " + Durations.format(scenario.duration()) + ")");
            }
        }
    }

    private void checkCycles() {
        Map<EndpointRef, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the stack, 2: done
        Set<Set<EndpointRef>> reported = new HashSet<>();
        for (EndpointRef start : calls.keySet()) {
            if (!state.containsKey(start)) visit(start, state, new ArrayDeque<>(), reported);
        }
    }

    private void visit(EndpointRef node, Map<EndpointRef, Integer> state, Deque<EndpointRef> stack, Set<Set<EndpointRef>> reported) {
        state.put(node, 1);
        stack.addLast(node);
        for (CallSite site : calls.getOrDefault(node, List.of())) {
            EndpointRef next = site.call().to();
            Integer s = state.get(next);
            if (s == null) {
                visit(next, state, stack, reported);
            } else if (s == 1) {
                List<EndpointRef> cycle = new ArrayList<>();
                boolean in = false;
                for (EndpointRef r : stack) {
                    if (r.equals(next)) in = true;
                    if (in) cycle.add(r);
                }
                if (reported.add(new HashSet<>(cycle))) {
                    StringBuilder b = new StringBuilder();
                    cycle.forEach(r -> b.append(r).append(" -> "));
                    b.append(next);
                    d.error(site.path(), "call cycle: " + b + " (a request would recurse forever)");
                }
            }
        }
        stack.removeLast();
        state.put(node, 2);
    }

    private void checkReachability() {
        if (scenario.load().isEmpty()) return;
        Set<String> reached = new LinkedHashSet<>();
        Deque<EndpointRef> todo = new ArrayDeque<>();
        for (LoadSpec spec : scenario.load()) {
            if (spec.workload() instanceof Workload.Single s) todo.add(s.target());
            if (spec.workload() instanceof Workload.Journeys js) js.journeys().forEach(j -> j.visits().forEach(v -> todo.add(v.target())));
        }
        Set<EndpointRef> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            EndpointRef r = todo.poll();
            if (!seen.add(r)) continue;
            reached.add(r.service());
            calls.getOrDefault(r, List.of()).forEach(site -> todo.add(site.call().to()));
        }
        for (String service : scenario.services().keySet()) {
            if (!reached.contains(service)) {
                d.warning(FieldPath.key("services", service), "service \"" + service + "\" is unreachable: no load target calls it, directly or through other services");
            }
        }
    }

    /** Checks a hand-injected fault's target against the running scenario's mesh. */
    static void checkHandFault(Scenario scenario, FaultSpec fault, Diagnostics diagnostics, Duration left) {
        ScenarioChecks c = new ScenarioChecks(scenario, scenario.services().keySet(), diagnostics, "the run's duration");
        c.collectCalls();
        c.checkFaultTarget(fault.target(), "target");
        if (fault.duration().compareTo(left) > 0) {
            diagnostics.error("duration", "duration " + Durations.format(fault.duration()) + " would end after the run: "
                    + Durations.format(left) + " of it is left (a fault must end by the end of the run; leave duration out to last until then)");
        }
    }

    private void checkFaults() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < scenario.faults().size(); i++) {
            FaultSpec f = scenario.faults().get(i);
            String path = FieldPath.index("faults", i);
            if (!ids.add(f.id())) d.error(FieldPath.key(path, "id"), "duplicate fault id \"" + f.id() + "\"");
            checkFaultTarget(f.target(), FieldPath.key(path, "target"));
            if (f.end().compareTo(scenario.duration()) > 0) {
                d.error(FieldPath.key(path, "duration"), "fault window " + Durations.format(f.at()) + ".." + Durations.format(f.end())
                        + " ends after " + durationName + " " + Durations.format(scenario.duration()));
            }
        }
    }

    private void checkFaultTarget(FaultTarget t, String path) {
        boolean isMap = !t.equals(FaultTarget.service(t.service()));
        String servicePath = isMap ? FieldPath.key(path, "service") : path;
        Service s = scenario.services().get(t.service());
        if (s == null && declaredServices.contains(t.service())) return;
        if (s == null) {
            d.error(servicePath, "unknown service \"" + t.service() + "\"" + Suggestions.didYouMean(t.service(), scenario.services().keySet()));
            return;
        }
        t.endpoint().ifPresent(e -> {
            if (!s.endpoints().containsKey(e)) {
                List<String> names = s.endpoints().keySet().stream().map(Object::toString).toList();
                d.error(FieldPath.key(path, "endpoint"), "service \"" + s.name() + "\" has no endpoint \"" + e + "\""
                        + Suggestions.didYouMean(e.toString(), names) + "; it has: " + String.join(", ", names));
            }
        });
        t.replicas().ifPresent(rs -> {
            for (int i = 0; i < rs.size(); i++) {
                if (rs.get(i) >= s.replicas()) {
                    d.error(FieldPath.index(FieldPath.key(path, "replicas"), i), "replica index " + rs.get(i) + " does not exist: \""
                            + s.name() + "\" has " + s.replicas() + " replica" + (s.replicas() == 1 ? "" : "s") + " (0.." + (s.replicas() - 1) + ")");
                }
            }
        });
        t.caller().ifPresent(c -> {
            String cpath = FieldPath.key(path, "caller");
            if (!scenario.services().containsKey(c) && declaredServices.contains(c)) {
                return;
            } else if (!scenario.services().containsKey(c)) {
                d.error(cpath, "unknown service \"" + c + "\"" + Suggestions.didYouMean(c, scenario.services().keySet()));
            } else if (calls.entrySet().stream().noneMatch(e -> e.getKey().service().equals(c)
                    && e.getValue().stream().anyMatch(site -> site.call().to().service().equals(t.service())))) {
                d.error(cpath, "\"" + c + "\" never calls \"" + t.service() + "\": there is no such edge to put a fault on");
            }
        });
    }
}
