package dev.microsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Step;
import dev.microsim.telemetry.SpanRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fast mode's platform costs: each one lands exactly where docs/fast-mode.md says (a hop each way
 * outside the spans, a hand-off after each compute step, waits rounded as Vert.x timers round them
 * plus the lag), and a scenario's {@code platform:} section overrides them field by field.
 */
class PlatformCostsTest {
    static final long US = 1_000L;
    static final long MS = 1_000_000L;

    static Step sleepMicros(long us) {
        return new Step.Sleep(new Distribution.Constant(Duration.ofNanos(us * US)));
    }

    static Step ioMicros(long us) {
        return new Step.Io(new Distribution.Constant(Duration.ofNanos(us * US)));
    }

    static Step computeMicros(long us) {
        return new Step.Compute(new Distribution.Constant(Duration.ofNanos(us * US)));
    }

    @Test
    void waitsAreExactOrRoundedAsVertxTimersRoundThem() {
        PlatformDraws exact = new PlatformDraws(PlatformCosts.constant(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofNanos(7)), 1);
        assertThat(exact.waitNanos(300 * US)).isEqualTo(300 * US + 7);
        assertThat(exact.waitNanos(0)).isZero();
        PlatformDraws vertx = new PlatformDraws(PlatformCosts.constant(Duration.ZERO, Duration.ZERO, Duration.ofMillis(1), Duration.ofNanos(200 * US)), 1);
        assertThat(vertx.waitNanos(499 * US)).as("under half the resolution: at once").isZero();
        assertThat(vertx.waitNanos(500 * US)).isEqualTo(1 * MS + 200 * US);
        assertThat(vertx.waitNanos(1_400 * US)).isEqualTo(1 * MS + 200 * US);
        assertThat(vertx.waitNanos(1_600 * US)).isEqualTo(2 * MS + 200 * US);
        assertThat(new PlatformDraws(PlatformCosts.IDEAL, 1).waitNanos(1_234)).as("the ideal platform changes nothing").isEqualTo(1_234);
    }

    @Test
    void drawnCostsVaryAndRepeatBySeed() {
        PlatformCosts p = new PlatformCosts(new Distribution.LogNormal(Duration.ofNanos(300 * US), Duration.ofMillis(2)),
                new Distribution.Exponential(Duration.ofNanos(80 * US)), Duration.ZERO, new Distribution.Constant(Duration.ZERO));
        PlatformDraws a = new PlatformDraws(p, 7);
        PlatformDraws b = new PlatformDraws(p, 7);
        long[] first = new long[200];
        for (int i = 0; i < first.length; i++) {
            first[i] = a.hop();
            assertThat(b.hop()).isEqualTo(first[i]);
        }
        java.util.Arrays.sort(first);
        assertThat(first[100]).as("median near 300 us").isBetween(220 * US, 400 * US);
        assertThat(first[0]).isLessThan(first[199]);
        assertThat(new PlatformDraws(p, 8).hop()).isNotEqualTo(new PlatformDraws(p, 7).hop());
    }

    @Test
    void aRequestThroughThreeServicesPaysEveryPlatformCostExactly() {
        // front: 1 ms CPU, then mid; mid: sleep 2 ms, sleep 300 us, then back; back: io 1.4 ms, 200 us CPU.
        PlatformCosts p = PlatformCosts.constant(Duration.ofNanos(100 * US), Duration.ofNanos(50 * US), Duration.ofMillis(1), Duration.ofNanos(200 * US));
        SimHarness h = new SimHarness(ExactTimingTest.scenario(
                ExactTimingTest.service("front", Resources.DEFAULT, computeMicros(1000), ExactTimingTest.call("mid", 5000, 0)),
                ExactTimingTest.service("mid", Resources.DEFAULT, sleepMicros(2000), sleepMicros(300), ExactTimingTest.call("back", 5000, 0)),
                ExactTimingTest.service("back", Resources.DEFAULT, ioMicros(1400), computeMicros(200))), p);
        SimHarness.Answer a = h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        assertThat(a.status).isEqualTo(200);
        long back = (1 * MS + 200 * US) + (200 * US + 50 * US); // io rounded to 1 ms + lag; compute + hand-off
        long mid = (2 * MS + 200 * US) + 0 + 2 * 100 * US + back; // 2 ms + lag; 300 us runs at once; a call's two hops
        long front = (1 * MS + 50 * US) + 2 * 100 * US + mid;
        assertThat(duration(h, "back")).isEqualTo(back);
        assertThat(duration(h, "mid")).isEqualTo(mid);
        assertThat(duration(h, "front")).isEqualTo(front);
        assertThat(a.at).isEqualTo(front + 2 * 100 * US);
    }

    private static long duration(SimHarness h, String service) {
        SpanRecord s = h.spans(service, SpanRecord.Kind.SERVER).get(0);
        return s.endEpochNanos() - s.startEpochNanos();
    }

    @Test
    void aScenarioOverridesOnlyTheFieldsItSets() {
        PlatformCosts base = PlatformCosts.constant(Duration.ofNanos(500), Duration.ofNanos(60), Duration.ofMillis(1), Duration.ofNanos(9));
        PlatformCosts over = base.overriddenBy(new Platform(new Distribution.Constant(Duration.ofMillis(2)), null, Duration.ZERO, null));
        assertThat(over).isEqualTo(PlatformCosts.constant(Duration.ofMillis(2), Duration.ofNanos(60), Duration.ZERO, Duration.ofNanos(9)));
        assertThat(base.overriddenBy(Platform.DEFAULT)).isEqualTo(base);
    }

    @Test
    void aNegativeResolutionIsRefusedWithItsName() {
        assertThatThrownBy(() -> PlatformCosts.constant(Duration.ZERO, Duration.ZERO, Duration.ofNanos(-1), Duration.ZERO))
                .hasMessage("timerResolution must be >= 0, got PT-0.000000001S");
    }
}
