package dev.microsim.model.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import dev.microsim.model.yaml.ScenarioWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeshGeneratorTest {
    private final MeshGenerator generator = new MeshGenerator();
    private final ScenarioParser parser = new ScenarioParser();

    @ParameterizedTest(name = "{0} services")
    @ValueSource(ints = {1, 2, 3, 10, 100, 1000})
    void generatedMeshesAreValidScenariosThatSurviveWriteAndParse(int size) {
        Scenario s = generator.generate(size, 42);
        assertThat(s.services()).hasSize(size);
        String yaml = ScenarioWriter.write(s);
        ParseResult parsed = parser.parse(yaml, "generated.yaml");
        assertThat(parsed.lines()).as("no error and no warning (e.g. unreachable service)").isEmpty();
        assertThat(parsed.orThrow()).isEqualTo(s);
    }

    @ParameterizedTest(name = "{0} services")
    @ValueSource(ints = {10, 100, 1000})
    void theCallGraphIsADagWhoseReferencesResolveAndEveryServiceIsReachable(int size) {
        Scenario s = generator.generate(size, 7);
        Map<EndpointRef, List<EndpointRef>> edges = callGraph(s);
        edges.values().forEach(targets -> targets.forEach(t -> assertThat(s.endpoint(t)).as("call to " + t).isPresent()));
        assertThat(hasCycle(edges)).isFalse();

        Set<String> reached = new HashSet<>();
        Deque<EndpointRef> todo = new ArrayDeque<>(loadTargets(s));
        Set<EndpointRef> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            EndpointRef r = todo.poll();
            if (!seen.add(r)) continue;
            reached.add(r.service());
            todo.addAll(edges.getOrDefault(r, List.of()));
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(s.services().keySet());
    }

    @Test
    void aLargeMeshLooksLikeARealOne() {
        Scenario s = generator.generate(1000, 3);
        Map<EndpointRef, List<EndpointRef>> edges = callGraph(s);
        List<Integer> fanOuts = edges.values().stream().map(List::size).filter(x -> x > 0).toList();
        long small = fanOuts.stream().filter(f -> f <= 3).count();
        assertThat((double) small / fanOuts.size()).as("share of calling endpoints with fan-out 1-3").isGreaterThan(0.6);
        assertThat(fanOuts).as("occasionally a larger fan-out").anyMatch(f -> f > 3);

        int depth = longestPath(edges);
        assertThat(depth).as("call depth in services").isBetween(3, 6);

        List<Step.Call> calls = allSteps(s).stream().filter(Step.Call.class::isInstance).map(Step.Call.class::cast).toList();
        long always = calls.stream().filter(c -> c.probability() == 1).count();
        assertThat((double) always / calls.size()).as("most calls are always made").isGreaterThan(0.7).isLessThan(1);
        assertThat(allSteps(s)).anyMatch(Step.Parallel.class::isInstance).anyMatch(Step.Io.class::isInstance);

        assertThat(s.load()).hasSizeBetween(2, 6);
        assertThat(s.load()).allSatisfy(l -> assertThat(l.profile()).isInstanceOf(LoadProfile.Poisson.class));
        double total = s.load().stream().mapToDouble(l -> ((LoadProfile.Poisson) l.profile()).rate().perSecond()).sum();
        assertThat(total).as("light load for a 2-core machine").isBetween(1.0, 200.0);

        // Leaves are backends doing I/O.
        Set<String> callers = new HashSet<>();
        edges.forEach((from, to) -> { if (!to.isEmpty()) callers.add(from.service()); });
        List<Service> leaves = s.services().values().stream().filter(x -> !callers.contains(x.name())).toList();
        assertThat(leaves).isNotEmpty().allSatisfy(leaf -> assertThat(leaf.name()).matches(".*-(db|cache|queue|store)(-\\d+)?"));
        assertThat(s.faults()).singleElement().satisfies(f -> assertThat(f.end()).isLessThanOrEqualTo(s.duration()));
    }

    @Test
    void sameSeedGivesIdenticalYamlAndAnotherSeedDoesNot() {
        String a = ScenarioWriter.write(generator.generate(100, 42));
        String b = ScenarioWriter.write(new MeshGenerator().generate(100, 42));
        String c = ScenarioWriter.write(generator.generate(100, 43));
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void rejectsAMeshWithoutServicesOrBeyondWhatFastModeRuns() {
        assertThatThrownBy(() -> generator.generate(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services must be between 1 and 100000 (a scenario file holds at most 10000), got 0");
        assertThatThrownBy(() -> generator.generate(100_001, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services must be between 1 and 100000 (a scenario file holds at most 10000), got 100001");
    }

    static Map<EndpointRef, List<EndpointRef>> callGraph(Scenario s) {
        Map<EndpointRef, List<EndpointRef>> edges = new HashMap<>();
        for (Service svc : s.services().values()) {
            for (Endpoint e : svc.endpoints().values()) {
                List<EndpointRef> to = new ArrayList<>();
                collectCalls(e.steps(), to);
                edges.put(new EndpointRef(svc.name(), e.id()), to);
            }
        }
        return edges;
    }

    static void collectCalls(List<Step> steps, List<EndpointRef> out) {
        for (Step st : steps) {
            if (st instanceof Step.Call c) out.add(c.to());
            if (st instanceof Step.Parallel p) collectCalls(p.steps(), out);
        }
    }

    static List<Step> allSteps(Scenario s) {
        List<Step> out = new ArrayList<>();
        Deque<Step> todo = new ArrayDeque<>();
        s.services().values().forEach(svc -> svc.endpoints().values().forEach(e -> todo.addAll(e.steps())));
        while (!todo.isEmpty()) {
            Step st = todo.poll();
            out.add(st);
            if (st instanceof Step.Parallel p) todo.addAll(p.steps());
        }
        return out;
    }

    static List<EndpointRef> loadTargets(Scenario s) {
        List<EndpointRef> out = new ArrayList<>();
        for (LoadSpec l : s.load()) {
            if (l.workload() instanceof Workload.Single single) out.add(single.target());
            if (l.workload() instanceof Workload.Journeys js) js.journeys().forEach(j -> j.visits().forEach(v -> out.add(v.target())));
        }
        return out;
    }

    static boolean hasCycle(Map<EndpointRef, List<EndpointRef>> edges) {
        Map<EndpointRef, Integer> state = new HashMap<>();
        for (EndpointRef start : edges.keySet()) if (cycleFrom(start, edges, state)) return true;
        return false;
    }

    private static boolean cycleFrom(EndpointRef node, Map<EndpointRef, List<EndpointRef>> edges, Map<EndpointRef, Integer> state) {
        Integer st = state.get(node);
        if (st != null) return st == 1;
        state.put(node, 1);
        for (EndpointRef next : edges.getOrDefault(node, List.of())) if (cycleFrom(next, edges, state)) return true;
        state.put(node, 2);
        return false;
    }

    /** Services on the longest call chain. */
    static int longestPath(Map<EndpointRef, List<EndpointRef>> edges) {
        Map<EndpointRef, Integer> memo = new HashMap<>();
        int best = 0;
        for (EndpointRef r : edges.keySet()) best = Math.max(best, depth(r, edges, memo));
        return best;
    }

    private static int depth(EndpointRef r, Map<EndpointRef, List<EndpointRef>> edges, Map<EndpointRef, Integer> memo) {
        Integer known = memo.get(r);
        if (known != null) return known;
        int d = 1;
        for (EndpointRef next : edges.getOrDefault(r, List.of())) d = Math.max(d, 1 + depth(next, edges, memo));
        memo.put(r, d);
        return d;
    }
}
