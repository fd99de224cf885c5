package dev.microsim.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A command line's --duration/--seed replace the file's values before validation, so the checks
 * that depend on them (fault windows, load starts, the interval) hold for the run that happens;
 * the resolved scenario then validates again when written back.
 */
class OverridesTest {
    private final ScenarioParser parser = new ScenarioParser();

    private static final String SCENARIO = """
            name: shop
            duration: 1m
            services:
              web:
                endpoints:
                  GET /x: {}
            load:
              - {profile: constant, rate: 1/s, target: web GET /x, start: 8s}
            faults:
              - {kind: latency, target: web, at: 10s, duration: 20s, delay: 5ms}
            """;

    @Test
    void aShorterDurationThanAFaultWindowIsReportedAgainstTheFlag() {
        ParseResult r = parser.parse(SCENARIO, "shop.yaml", Overrides.of(null, Duration.ofSeconds(5)));
        assertThat(r.ok()).isFalse();
        assertThat(r.lines()).containsExactly(
                "shop.yaml:8:63: error: load[0].start: load starts at 8s, at or after the run ends (--duration 5s)",
                "shop.yaml:10:53: error: faults[0].duration: fault window 10s..30s ends after --duration 5s");
    }

    @Test
    void overridesThatFitGiveTheResolvedScenarioWhichValidatesAgain() {
        ParseResult r = parser.parse(SCENARIO, "shop.yaml", Overrides.of(7L, Duration.ofSeconds(45)));
        assertThat(r.lines()).isEmpty();
        var s = r.orThrow();
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.seed()).isEqualTo(7);
        assertThat(parser.parse(ScenarioWriter.write(s), "resolved.yaml").lines()).isEmpty();
        assertThat(ScenarioWriter.write(s)).contains("duration: " + Durations.format(Duration.ofSeconds(45)));
    }

    @Test
    void anIntervalLongerThanTheOverriddenDurationIsAnError() {
        ParseResult r = parser.parse(SCENARIO.replace("duration: 1m", "duration: 1m\ninterval: 10s").replace("start: 8s", "start: 1s")
                .replace("at: 10s, duration: 20s", "at: 1s, duration: 2s"), "shop.yaml", Overrides.of(null, Duration.ofSeconds(5)));
        assertThat(r.lines()).containsExactly("shop.yaml:3:11: error: interval: interval 10s is longer than --duration 5s: not one interval of telemetry would be complete");
    }
}
