package dev.microsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.cli.Scenarios;
import dev.microsim.load.CompiledSpec;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.PlanCompiler;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.telemetry.SpanRecord;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Open load in fast mode arrives at exactly the instants of its {@code ArrivalSchedule}, as every
 * Gatling user waits for its own instant in live mode. A Poisson second places its arrivals
 * independently, so their numbers are not in time order; playing them in number order would fire
 * every arrival placed before a later-numbered one at once after it (bursts near each second's end).
 */
class FastOpenArrivalsTest {
    static final Duration HOP = Duration.ofNanos(150_000);

    static Scenario scenario(String profile) {
        return Scenarios.parser().parse("""
                version: 1
                name: arrivals
                duration: 10s
                seed: 3
                services:
                  web:
                    endpoints:
                      GET /:
                        steps: []
                load:
                  - name: open
                    target: web GET /
                    profile: %s
                    rate: 200/s
                """.formatted(profile), "arrivals.yaml").orThrow();
    }

    /** Every server span's start, in virtual nanoseconds since the run began, sorted. */
    static long[] arrivals(Scenario scenario) {
        SimHarness h = new SimHarness(scenario, HOP);
        List<CompiledSpec> specs = PlanCompiler.compile(new LoadPlan(scenario.load(), ref -> URI.create("http://127.0.0.1/"),
                scenario.duration(), scenario.seed(), scenario.interval()));
        new SimLoad(h.mesh, specs, scenario.seed()).start();
        h.runFor(scenario.duration().plusSeconds(1));
        return h.spans("web", SpanRecord.Kind.SERVER).stream().mapToLong(s -> h.sinceStart(s.startEpochNanos())).sorted().toArray();
    }

    static long[] planned(Scenario scenario) {
        CompiledSpec spec = PlanCompiler.compile(new LoadPlan(scenario.load(), ref -> URI.create("http://127.0.0.1/"),
                scenario.duration(), scenario.seed(), scenario.interval())).get(0);
        var schedule = spec.schedule().orElseThrow();
        return LongStream.range(0, schedule.total()).map(i -> schedule.arrivalTime(i).toNanos() + HOP.toNanos()).sorted().toArray();
    }

    @Test
    void poissonArrivalsComeAtTheirPlannedInstants() {
        Scenario s = scenario("poisson");
        long[] seen = arrivals(s);
        assertThat(seen).hasSizeGreaterThan(1800).containsExactly(planned(s));
        // Spread over each second as a Poisson process is: about a tenth in each tenth of a second.
        long lastTenth = LongStream.of(seen).filter(t -> (t - HOP.toNanos()) % 1_000_000_000L >= 900_000_000L).count();
        assertThat((double) lastTenth / seen.length).isBetween(0.07, 0.13);
    }

    @Test
    void constantArrivalsComeAtTheirPlannedInstants() {
        Scenario s = scenario("constant");
        assertThat(arrivals(s)).hasSize(2000).containsExactly(planned(s));
    }
}
