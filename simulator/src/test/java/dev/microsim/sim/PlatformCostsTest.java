package dev.microsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Step;
import dev.microsim.telemetry.SpanRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fast mode's platform costs: each one lands exactly where docs/fast-mode.md says (a hop each way
 * outside the spans, a hand-off after each compute step and its stretch, waits rounded as Vert.x
 * timers round them plus the lag, the server overhead inside the server span before its script, the
 * wake-up of an idle host on the arrival or return that ends the idleness), and a scenario's
 * {@code platform:} section overrides them field by field.
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
        return duration(h.spans(service, SpanRecord.Kind.SERVER).get(0));
    }

    private static long duration(SpanRecord s) {
        return s.endEpochNanos() - s.startEpochNanos();
    }

    /** Constant costs: a 100 us hop, a 50 us hand-off, exact timers, no lag; then the session-7 fields as given. */
    private static PlatformCosts placed(long overheadUs, double stretch, long wakeUs) {
        return PlatformCosts.constant(Duration.ofNanos(100 * US), Duration.ofNanos(50 * US), Duration.ZERO, Duration.ZERO)
                .withPlacement(Duration.ofNanos(overheadUs * US), stretch, Duration.ofNanos(wakeUs * US), Duration.ofNanos(200 * US));
    }

    @Test
    void theServerOverheadIsInsideEveryServerSpanBeforeItsScript() {
        SimHarness h = new SimHarness(ExactTimingTest.scenario(
                ExactTimingTest.service("front", Resources.DEFAULT, computeMicros(1000), ExactTimingTest.call("back", 5000, 0)),
                ExactTimingTest.service("back", Resources.DEFAULT, computeMicros(200))), placed(20, 0, 0));
        SimHarness.Answer a = h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        long back = 20 * US + 200 * US + 50 * US; // overhead, CPU, hand-off
        long front = 20 * US + (1000 * US + 50 * US) + 2 * 100 * US + back;
        assertThat(duration(h, "back")).isEqualTo(back);
        assertThat(duration(h, "front")).isEqualTo(front);
        assertThat(duration(h.spans("front", SpanRecord.Kind.CLIENT).get(0))).as("outside the callee's span: the hops only").isEqualTo(back + 2 * 100 * US);
        SpanRecord callee = h.spans("back", SpanRecord.Kind.SERVER).get(0);
        assertThat(h.sinceStart(callee.startEpochNanos())).as("the callee's span starts at the hop's arrival")
                .isEqualTo(100 * US + 20 * US + 1050 * US + 100 * US);
        assertThat(a.at).isEqualTo(100 * US + front + 100 * US);
    }

    @Test
    void aComputeStepsHandOffGrowsByTheStretchShareOfItsCpu() {
        SimHarness h = new SimHarness(ExactTimingTest.scenario(
                ExactTimingTest.service("front", Resources.DEFAULT, computeMicros(1000), computeMicros(100))), placed(0, 0.25, 0));
        h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        assertThat(duration(h, "front")).isEqualTo((1000 + 50 + 250) * US + (100 + 50 + 25) * US);
    }

    @Test
    void aCallAfterASleepPaysTheWakeUpAndOneRightAfterAnotherDoesNot() {
        // front: sleep 3 ms, then two calls in a row to an endpoint with no steps. Wake-ups cost 70 us after 200 us idle.
        SimHarness h = new SimHarness(ExactTimingTest.scenario(
                ExactTimingTest.service("front", Resources.DEFAULT, sleepMicros(3000), ExactTimingTest.call("back", 5000, 0),
                        ExactTimingTest.call("back", 5000, 0)),
                ExactTimingTest.service("back", Resources.DEFAULT)), placed(0, 0, 70));
        SimHarness.Answer a = h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        SpanRecord front = h.spans("front", SpanRecord.Kind.SERVER).get(0);
        assertThat(h.sinceStart(front.startEpochNanos())).as("load from outside: no sending loop, no wake-up").isEqualTo(100 * US);
        // front's loop received nothing during the sleep: its first call pays the wake-up; the answer (back received the
        // call just before) and the second call (right after that answer) do not.
        List<SpanRecord> calls = h.spans("front", SpanRecord.Kind.CLIENT);
        assertThat(calls).hasSize(2);
        assertThat(duration(calls.get(0))).isEqualTo(2 * 100 * US + 70 * US);
        assertThat(duration(calls.get(1))).isEqualTo(2 * 100 * US);
        assertThat(h.spans("back", SpanRecord.Kind.SERVER)).allSatisfy(s -> assertThat(duration(s)).as("wake-ups are outside the callee's span").isZero());
        assertThat(duration(front)).isEqualTo(3000 * US + 270 * US + 200 * US);
        assertThat(a.at).isEqualTo(100 * US + duration(front) + 100 * US);
    }

    @Test
    void aCallAfterAComputeStepOfAtLeastWakeAfterPaysTheWakeUpAndOneRightAfterTheRequestCameDoesNot() {
        // front: a call, 300 us of CPU, a call again.
        SimHarness h = new SimHarness(ExactTimingTest.scenario(
                ExactTimingTest.service("front", Resources.DEFAULT, ExactTimingTest.call("back", 5000, 0), computeMicros(300),
                        ExactTimingTest.call("back", 5000, 0)),
                ExactTimingTest.service("back", Resources.DEFAULT)), placed(0, 0, 70));
        h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        List<SpanRecord> calls = h.spans("front", SpanRecord.Kind.CLIENT);
        assertThat(duration(calls.get(0))).as("sent right after the request arrived").isEqualTo(2 * 100 * US);
        assertThat(duration(calls.get(1))).as("350 us after the first call's answer").isEqualTo(2 * 100 * US + 70 * US);
        assertThat(duration(h, "front")).as("compute returns pay no wake-up").isEqualTo(200 * US + (300 + 50) * US + 270 * US);
    }

    @Test
    void anAnswerAfterALongComputeStepPaysTheWakeUpOnTheWayBack() {
        // front: 1 ms of CPU, then 100 us; its answer leaves 1.2 ms after the request came: the way back wakes a core.
        SimHarness h = new SimHarness(ExactTimingTest.scenario(
                ExactTimingTest.service("front", Resources.DEFAULT, computeMicros(1000), computeMicros(100))), placed(0, 0, 70));
        SimHarness.Answer a = h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        assertThat(duration(h, "front")).isEqualTo((1000 + 50) * US + (100 + 50) * US);
        assertThat(a.at).isEqualTo(100 * US + 1200 * US + 100 * US + 70 * US);
    }

    @Test
    void theSessionSevenFieldsAtTheirDefaultsChangeNothing() {
        PlatformCosts old = PlatformCosts.constant(Duration.ofNanos(100 * US), Duration.ofNanos(50 * US), Duration.ZERO, Duration.ZERO);
        assertThat(placed(0, 0, 0)).isEqualTo(old);
        assertThat(old.wakes()).isFalse();
        PlatformDraws d = new PlatformDraws(old, 1);
        assertThat(d.handoff(1000 * US)).isEqualTo(50 * US);
        assertThat(d.serverOverhead()).isZero();
        assertThat(d.wake(Long.MIN_VALUE / 2, 0)).as("no wake-up without a wake cost").isZero();
    }

    @Test
    void aScenarioOverridesOnlyTheFieldsItSets() {
        PlatformCosts base = PlatformCosts.constant(Duration.ofNanos(500), Duration.ofNanos(60), Duration.ofMillis(1), Duration.ofNanos(9));
        PlatformCosts over = base.overriddenBy(new Platform(new Distribution.Constant(Duration.ofMillis(2)), null, Duration.ZERO, null));
        assertThat(over).isEqualTo(PlatformCosts.constant(Duration.ofMillis(2), Duration.ofNanos(60), Duration.ZERO, Duration.ofNanos(9)));
        assertThat(base.overriddenBy(Platform.DEFAULT)).isEqualTo(base);
        PlatformCosts placedOver = base.overriddenBy(new Platform(null, null, null, null, new Distribution.Constant(Duration.ofNanos(15_000)), 0.2,
                null, Duration.ofNanos(300_000)));
        assertThat(placedOver).isEqualTo(new PlatformCosts(base.hop(), base.computeHandoff(), base.timerResolution(), base.timerLag(),
                new Distribution.Constant(Duration.ofNanos(15_000)), 0.2, base.wake(), Duration.ofNanos(300_000)));
    }

    @Test
    void aNegativeResolutionIsRefusedWithItsName() {
        assertThatThrownBy(() -> PlatformCosts.constant(Duration.ZERO, Duration.ZERO, Duration.ofNanos(-1), Duration.ZERO))
                .hasMessage("timerResolution must be >= 0, got PT-0.000000001S");
    }
}
