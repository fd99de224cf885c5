package dev.microsim.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    private final ScenarioParser parser = new ScenarioParser();

    private static final String SHOP = """
            name: shop
            seed: 42
            duration: 10m
            services:
              frontend:
                replicas: 2
                resources: {cpu: 500m, memory: 256Mi, concurrency: 64, queue: 128}
                endpoints:
                  GET /home:
                    steps:
                      - compute: 2ms
                      - call: catalog GET /list
                      - parallel:
                          - call: {to: cart GET /cart, probability: 0.8, timeout: 300ms, retries: 2}
                          - sleep: {uniform: {min: 1ms, max: 3ms}}
                    response: {size: 4KiB}
                    errorRate: 0.01
              catalog: {endpoints: {GET /list: {steps: [{compute: {lognormal: {median: 3ms, p99: 20ms}}}]}}}
              cart: {endpoints: {GET /cart: {steps: [{io: {exponential: 2ms}}]}}}
            load:
              - {profile: constant, target: frontend GET /home, rate: 100/s}
            faults:
              - {kind: latency, target: catalog, at: 3m, duration: 2m, delay: 200ms}
            """;

    @Test
    void readsTheIssueSketchIntoRecords() {
        ParseResult r = parser.parse(SHOP, "shop.yaml");
        assertThat(r.lines()).isEmpty();
        Scenario s = r.orThrow();
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(10));
        var frontend = s.services().get("frontend");
        assertThat(frontend.replicas()).isEqualTo(2);
        assertThat(frontend.resources().cpu().millicores()).isEqualTo(500);
        var home = frontend.endpoints().get(EndpointId.parse("GET /home"));
        assertThat(home.responseSize().bytes()).isEqualTo(4096);
        assertThat(home.errorProbability()).isEqualTo(0.01);
        assertThat(home.steps()).hasSize(3);
        assertThat(home.steps().get(1)).isEqualTo(Step.Call.to(EndpointRef.parse("catalog GET /list")));
        var par = (Step.Parallel) home.steps().get(2);
        var cartCall = (Step.Call) par.steps().get(0);
        assertThat(cartCall.probability()).isEqualTo(0.8);
        assertThat(cartCall.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(cartCall.retries()).isEqualTo(2);
        var catalogStep = (Step.Compute) s.services().get("catalog").endpoints().values().iterator().next().steps().get(0);
        assertThat(catalogStep.time()).isEqualTo(new Distribution.LogNormal(Duration.ofMillis(3), Duration.ofMillis(20)));
        assertThat(s.load().get(0).profile()).isEqualTo(new LoadProfile.Constant(dev.microsim.model.units.Rate.perSecond(100)));
        assertThat(s.faults().get(0).id()).isEqualTo("f1-latency-catalog");
        assertThat(s.faults().get(0).parameters()).containsEntry("delay", "200ms");
    }

    @Test
    void reportsEveryProblemAtOnceWithPathValueAndPosition() {
        String yaml = SHOP.replace("call: catalog GET /list", "call: catalogg GET /list")
                .replace("probability: 0.8", "probability: 1.8")
                .replace("memory: 256Mi", "memroy: 256Mi")
                .replace("at: 3m, duration: 2m", "at: 9m, duration: 2m");
        ParseResult r = parser.parse(yaml, "shop.yaml");
        assertThat(r.ok()).isFalse();
        assertThat(r.lines()).containsExactly(
                "shop.yaml:7:28: error: services.frontend.resources.memroy: unknown key \"memroy\" (did you mean \"memory\"?); allowed: concurrency, cpu, memory, queue",
                "shop.yaml:12:19: error: services.frontend.endpoints[\"GET /home\"].steps[1].call: unknown service \"catalogg\" (did you mean \"catalog\"?)",
                "shop.yaml:14:57: error: services.frontend.endpoints[\"GET /home\"].steps[2].parallel[0].call.probability: probability must be between 0 and 1, got 1.8",
                "shop.yaml:23:56: error: faults[0].duration: fault window 9m..11m ends after the scenario's duration 10m");
    }

    @Test
    void readsPlatformCostsFieldByFieldAndNamesEachBadOne() {
        ParseResult ok = parser.parse(SHOP + "platform: {hop: {lognormal: {median: 300us, p99: 2ms}}, timerResolution: 1ms}\n", "shop.yaml");
        assertThat(ok.lines()).isEmpty();
        Platform p = ok.scenario().orElseThrow().platform();
        assertThat(p).isEqualTo(new Platform(new Distribution.LogNormal(Duration.ofNanos(300_000), Duration.ofMillis(2)), null, Duration.ofMillis(1), null));
        assertThat(parser.parse(SHOP, "shop.yaml").scenario().orElseThrow().platform().isDefault()).isTrue();

        ParseResult bad = parser.parse(SHOP + "platform: {hopp: 1ms, computeHandoff: -1ms, timerResolution: 2h, timerLag: {logn: 1ms}}\n", "shop.yaml");
        assertThat(bad.ok()).isFalse();
        assertThat(bad.lines()).hasSize(4);
        assertThat(String.join("\n", bad.lines())).contains(
                "platform.hopp: unknown key \"hopp\" (did you mean \"hop\"?); allowed: computeHandoff, computeStretch, hop, serverOverhead, timerLag, "
                        + "timerResolution, wake, wakeAfter",
                "platform.computeHandoff: ", "-1ms", "platform.timerResolution: ", "at most 1h",
                "platform.timerLag.logn: unknown distribution \"logn\"");

        ParseResult placed = parser.parse(SHOP + "platform: {serverOverhead: 15us, computeStretch: 0.25, wake: 90us, wakeAfter: 300us}\n", "shop.yaml");
        assertThat(placed.lines()).isEmpty();
        assertThat(placed.scenario().orElseThrow().platform()).isEqualTo(new Platform(null, null, null, null,
                new Distribution.Constant(Duration.ofNanos(15_000)), 0.25, new Distribution.Constant(Duration.ofNanos(90_000)), Duration.ofNanos(300_000)));
        ParseResult badPlaced = parser.parse(SHOP + "platform: {computeStretch: -0.5, wakeAfter: -1us, wake: fast}\n", "shop.yaml");
        assertThat(badPlaced.lines()).hasSize(3);
        assertThat(String.join("\n", badPlaced.lines())).contains("platform.computeStretch: computeStretch must be between 0 and 100, got -0.5",
                "platform.wakeAfter: duration must be >= 0", "platform.wake: ");
    }

    @Test
    void crossReferenceErrorsNameTheCallAndSuggest() {
        String yaml = SHOP.replace("call: catalog GET /list", "call: catalogg GET /list")
                .replace("at: 3m, duration: 2m", "at: 9m, duration: 2m");
        assertThat(parser.parse(yaml, "shop.yaml").lines()).containsExactly(
                "shop.yaml:12:19: error: services.frontend.endpoints[\"GET /home\"].steps[1].call: unknown service \"catalogg\" (did you mean \"catalog\"?)",
                "shop.yaml:23:56: error: faults[0].duration: fault window 9m..11m ends after the scenario's duration 10m");
    }

    @Test
    void findsCallCyclesWithTheirPath() {
        String yaml = """
                name: loop
                duration: 1m
                services:
                  a: {endpoints: {GET /x: {steps: [{call: b GET /y}]}}}
                  b: {endpoints: {GET /y: {steps: [{call: a GET /x}]}}}
                """;
        assertThat(parser.parse(yaml, "loop.yaml").lines()).containsExactly(
                "loop.yaml:5:43: error: services.b.endpoints[\"GET /y\"].steps[0].call: call cycle: a GET /x -> b GET /y -> a GET /x (a request would recurse forever)");
    }
}
