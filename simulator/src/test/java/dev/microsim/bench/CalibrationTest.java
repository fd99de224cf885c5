package dev.microsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small version of {@link CalibrationBench}: one scenario live (built-in load, a few seconds) and
 * fast, read the same way. Per-service request rates agree within 5 % (the same arrivals make the same
 * call decisions in both modes); live latencies are never faster than what fast mode computes from the
 * scenario's costs (a busy machine only adds), and fast mode's are those costs. No timed upper bound:
 * the machine is shared.
 */
class CalibrationTest {
    static final String SCENARIO = """
            version: 1
            name: calib
            duration: 5s
            seed: 3
            services:
              front:
                endpoints:
                  GET /:
                    steps:
                      - sleep: 4ms
                      - call: {to: mid GET /m, probability: 0.6}
              mid:
                replicas: 2
                endpoints:
                  GET /m:
                    steps:
                      - io: 6ms
                      - call: back GET /b
              back:
                endpoints:
                  GET /b:
                    steps:
                      - sleep: 3ms
            load:
              - name: in
                target: front GET /
                profile: constant
                rate: 60/s
            """;

    @Test
    void liveAndFastAgreeOnRatesAndFastModeOnTheCosts(@TempDir Path tmp) throws Exception {
        Scenario s = Scenarios.parser().parse(SCENARIO, "calib.yaml").orThrow();
        Duration d = s.duration();
        Calibration.live(s, tmp.resolve("live"), "builtin");
        Calibration.fast(s, tmp.resolve("fast"));
        var live = Calibration.read(tmp.resolve("live"), d, Duration.ofSeconds(1), Duration.ofMillis(500));
        var fast = Calibration.read(tmp.resolve("fast"), d, Duration.ofSeconds(1), Duration.ofMillis(500));
        for (String service : new String[] {"front", "mid", "back"}) {
            assertThat(fast.rps().get(service)).as(service + " rps, fast vs live").isCloseTo(live.rps().get(service),
                    org.assertj.core.data.Percentage.withPercentage(5));
        }
        assertThat(fast.rps().get("front")).isEqualTo(60.0); // 300 planned arrivals in 5 s, all answered
        assertThat(fast.rps().get("mid") / fast.rps().get("front")).isBetween(0.45, 0.75); // probability 0.6
        // Fast mode: exactly the costs (back 3 ms; mid 6 + 3 + 2 hops of 0.15 ms); live: no faster than them.
        assertThat(fast.latency().get("back GET /b")[0]).isEqualTo(3.0);
        assertThat(fast.latency().get("mid GET /m")[0]).isEqualTo(9.3);
        for (String e : new String[] {"back GET /b", "mid GET /m", "front GET /"}) {
            assertThat(live.latency().get(e)[0]).as(e + " live p50 vs fast").isGreaterThanOrEqualTo(0.85 * fast.latency().get(e)[0]);
        }
    }

    @Test
    void aScenariosPlatformSectionSetsFastModesCosts(@TempDir Path tmp) throws Exception {
        Scenario s = Scenarios.parser().parse(SCENARIO + "platform: {hop: 1ms, computeHandoff: 0s}\n", "calib.yaml").orThrow();
        Calibration.fast(s, tmp.resolve("fast"));
        var fast = Calibration.read(tmp.resolve("fast"), s.duration(), Duration.ofSeconds(1), Duration.ofMillis(500));
        // mid: io 6 ms, then back (3 ms) behind two hops of 1 ms: the scenario's hop, not fast mode's default 150 us.
        assertThat(fast.latency().get("mid GET /m")[0]).isEqualTo(11.0);
        assertThat(fast.latency().get("back GET /b")[0]).isEqualTo(3.0);
    }
}
