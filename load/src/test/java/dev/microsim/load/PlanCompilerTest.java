package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Rate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlanCompilerTest {
    private static final EndpointRef HOME = EndpointRef.parse("frontend GET /home");
    private static final EndpointRef CART = EndpointRef.parse("cart POST /cart");

    private static LoadPlan plan(Duration duration, LoadSpec... specs) {
        return new LoadPlan(List.of(specs), ref -> URI.create("http://127.0.0.1:9999" + ref.endpoint().path()), duration, 1, Duration.ofSeconds(1));
    }

    private static LoadSpec spec(String name, LoadProfile profile, Duration start) {
        return new LoadSpec(name, profile, new Workload.Single(HOME), start, Optional.empty(), Optional.empty());
    }

    @Test
    void aCompiledSpecKeepsItsTargetsInTheWorkloadsOrder() {
        // load.csv lists targets in this order: Map.copyOf's would change from JVM to JVM (fast mode is byte-identical per seed).
        java.util.Map<EndpointRef, String> urls = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 12; i++) urls.put(EndpointRef.parse("s" + i + " GET /x"), "http://127.0.0.1:1/" + i);
        CompiledSpec c = new CompiledSpec(0, "load[\"x\"]", spec("x", new LoadProfile.Constant(Rate.perSecond(1)), Duration.ZERO),
                Duration.ofSeconds(1), urls, 1, Optional.empty());
        assertThat(List.copyOf(c.urls().keySet())).isEqualTo(List.copyOf(urls.keySet()));
        assertThatThrownBy(() -> c.urls().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reportsEveryProblemAtOnceWithFieldPathAndValue() {
        LoadPlan plan = plan(Duration.ofSeconds(10),
                spec("late", new LoadProfile.Constant(Rate.perSecond(10)), Duration.ofSeconds(12)),
                spec("ramp", new LoadProfile.Ramp(Rate.perSecond(0), Rate.perSecond(100), Duration.ofSeconds(20)), Duration.ZERO),
                spec("spike", new LoadProfile.Spike(Rate.perSecond(1), Rate.perSecond(50), Duration.ofSeconds(15), Duration.ofSeconds(1)), Duration.ZERO),
                spec("steps", new LoadProfile.Steps(List.of(new LoadProfile.Steps.Stage(Rate.perSecond(1), Duration.ofSeconds(10)),
                        new LoadProfile.Steps.Stage(Rate.perSecond(2), Duration.ofSeconds(5)))), Duration.ZERO));

        assertThatThrownBy(() -> PlanCompiler.compile(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join("\n",
                        "load[\"late\"].start: 12s is at or after the end of the run (10s)",
                        "load[\"ramp\"].profile.over: the ramp from 0/s to 100/s lasts 20s but the entry only runs 10s, so it would end before reaching 100/s",
                        "load[\"spike\"].profile.at: the spike starts at 15s, at or after the entry ends (10s)",
                        "load[\"steps\"].profile.stages: the last stage starts at 10s, at or after the entry ends (10s)"));
    }

    @Test
    void refusesTargetsThatResolveOffLoopback() {
        var journeys = new Workload.Journeys(List.of(new Workload.Journey("buy", 1,
                List.of(new Workload.Visit(HOME, null), new Workload.Visit(CART, null)))));
        LoadPlan plan = new LoadPlan(List.of(new LoadSpec("shop", new LoadProfile.Constant(Rate.perSecond(1)), journeys, Duration.ZERO,
                Optional.empty(), Optional.empty())),
                ref -> URI.create(ref.service().equals("cart") ? "http://10.1.2.3:8080/cart" : "http://localhost:8080/home"),
                Duration.ofSeconds(5), 1, Duration.ofSeconds(1));

        assertThatThrownBy(() -> PlanCompiler.compile(plan)).hasMessage(
                "load[\"shop\"].target \"cart POST /cart\": host \"10.1.2.3\" in \"http://10.1.2.3:8080/cart\" is not loopback;"
                        + " microsim only sends load to 127.0.0.0/8, localhost or ::1, never to other hosts");
    }

    @Test
    void reportsATargetThatCannotBeResolved() {
        LoadPlan plan = new LoadPlan(List.of(LoadSpec.of("", new LoadProfile.Constant(Rate.perSecond(1)), HOME)),
                ref -> {
                    throw new IllegalArgumentException("no service \"frontend\" in the mesh");
                }, Duration.ofSeconds(5), 1, Duration.ofSeconds(1));
        assertThatThrownBy(() -> PlanCompiler.compile(plan)).hasMessage("load[0].target \"frontend GET /home\": no service \"frontend\" in the mesh");
    }

    @Test
    void compilesLengthsBudgetsAndSchedules() {
        LoadSpec open = new LoadSpec("open", new LoadProfile.Constant(Rate.perSecond(10)), new Workload.Single(HOME), Duration.ofSeconds(2),
                Optional.of(Duration.ofSeconds(30)), Optional.of(25L));
        LoadSpec closed = spec("closed", new LoadProfile.Closed(3, new Distribution.Constant(Duration.ofMillis(10))), Duration.ZERO);

        List<CompiledSpec> compiled = PlanCompiler.compile(plan(Duration.ofSeconds(10), open, closed));

        assertThat(compiled.get(0).length()).isEqualTo(Duration.ofSeconds(8)); // cut at the run's end
        assertThat(compiled.get(0).end()).isEqualTo(Duration.ofSeconds(10));
        assertThat(compiled.get(0).budget()).isEqualTo(25);
        assertThat(compiled.get(0).schedule().orElseThrow().total()).isEqualTo(25); // capped by the budget
        assertThat(compiled.get(0).urls()).containsEntry(HOME, "http://127.0.0.1:9999/home");
        assertThat(compiled.get(1).schedule()).isEmpty();
        assertThat(compiled.get(1).budget()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void journeysArePickedByWeightFromTheSeed() {
        var journeys = new Workload.Journeys(List.of(
                new Workload.Journey("browse", 3, List.of(new Workload.Visit(HOME, null))),
                new Workload.Journey("buy", 1, List.of(new Workload.Visit(CART, null)))));
        SplittableRandom random = new SplittableRandom(5);
        int[] picks = new int[2];
        for (int i = 0; i < 40_000; i++) picks[GatlingScenarios.pick(journeys, journeys.totalWeight(), random)]++;
        // 3:1 by weight; binomial standard deviation of the share is about 0.002
        assertThat(picks[0] / 40_000.0).isBetween(0.74, 0.76);

        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            assertThat(GatlingScenarios.pick(journeys, 4, a)).isEqualTo(GatlingScenarios.pick(journeys, 4, b));
        }
    }
}
