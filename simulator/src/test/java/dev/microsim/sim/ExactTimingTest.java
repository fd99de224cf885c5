package dev.microsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.telemetry.SpanRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request interpreter on the discrete-event engine, where time is exact: known costs give a
 * known virtual instant to the nanosecond (hop latency, compute under processor sharing, sleep, io,
 * queueing, timeouts, retries).
 */
class ExactTimingTest {
    static final EndpointId GET = EndpointId.parse("GET /x");
    static final long MS = 1_000_000L;
    static final long HOP = 100_000L;

    static Step compute(long ms) {
        return new Step.Compute(new Distribution.Constant(Duration.ofMillis(ms)));
    }

    static Step sleep(long ms) {
        return new Step.Sleep(new Distribution.Constant(Duration.ofMillis(ms)));
    }

    static Step io(long ms) {
        return new Step.Io(new Distribution.Constant(Duration.ofMillis(ms)));
    }

    static Step call(String to, long timeoutMs, int retries) {
        return new Step.Call(new EndpointRef(to, GET), 1, ByteSize.ZERO, Duration.ofMillis(timeoutMs), retries);
    }

    static Service service(String name, Resources res, Step... steps) {
        return new Service(name, 1, res, Map.of(GET, new Endpoint(GET, List.of(steps), 0, ByteSize.parse("1KiB"), ByteSize.ZERO)));
    }

    static Resources res(long millicores, int concurrency, int queue) {
        return new Resources(new CpuCores(millicores), ByteSize.parse("256Mi"), concurrency, queue);
    }

    static Scenario scenario(Service... services) {
        Map<String, Service> m = new LinkedHashMap<>();
        for (Service s : services) m.put(s.name(), s);
        return new Scenario(1, "timing", "", 3, Duration.ofMinutes(1), Duration.ofSeconds(1), m, List.of(), List.of());
    }

    @Test
    void aRequestThroughThreeServicesFinishesAtTheExactInstant() {
        // front: 1 ms CPU then calls mid; mid: 2 ms sleep then calls back; back: 3 ms io. 6 hops of 100 us each way in all.
        SimHarness h = new SimHarness(scenario(service("front", Resources.DEFAULT, compute(1), call("mid", 5000, 0)),
                service("mid", Resources.DEFAULT, sleep(2), call("back", 5000, 0)), service("back", Resources.DEFAULT, io(3))), Duration.ofNanos(HOP));
        SimHarness.Answer a = h.send("front", "/x", 42);
        h.runFor(Duration.ofSeconds(1));
        assertThat(a.status).isEqualTo(200);
        assertThat(a.at).isEqualTo(6 * MS + 6 * HOP);
        SpanRecord back = h.spans("back", SpanRecord.Kind.SERVER).get(0);
        SpanRecord mid = h.spans("mid", SpanRecord.Kind.SERVER).get(0);
        SpanRecord front = h.spans("front", SpanRecord.Kind.SERVER).get(0);
        assertThat(h.sinceStart(front.startEpochNanos())).isEqualTo(HOP);
        assertThat(front.endEpochNanos() - front.startEpochNanos()).isEqualTo(6 * MS + 4 * HOP);
        assertThat(h.sinceStart(mid.startEpochNanos())).isEqualTo(HOP + 1 * MS + HOP);
        assertThat(mid.endEpochNanos() - mid.startEpochNanos()).isEqualTo(5 * MS + 2 * HOP);
        assertThat(h.sinceStart(back.startEpochNanos())).isEqualTo(3 * HOP + 3 * MS);
        assertThat(back.endEpochNanos() - back.startEpochNanos()).isEqualTo(3 * MS);
        // One trace: every span shares the front's trace id, and each server span's parent is its caller's client span.
        assertThat(h.spans).extracting(SpanRecord::traceId).containsOnly(front.traceId());
        SpanRecord frontToMid = h.spans("front", SpanRecord.Kind.CLIENT).get(0);
        assertThat(mid.parentSpanId()).isEqualTo(frontToMid.spanId());
        assertThat(frontToMid.parentSpanId()).isEqualTo(front.spanId());
        assertThat(front.parentSpanId()).isNull();
    }

    @Test
    void computeStepsShareTheReplicasCoresAndItsQuota() {
        // {millicores, steps at once, ms of CPU each, ms when all are done}
        long[][] cases = {
            {1000, 2, 10, 20},  // one core, processor-shared: each at half speed
            {2000, 2, 10, 10},  // two cores: each has one
            {500, 1, 10, 10},   // a quiet replica: full speed, 10 of its 50 ms quota used
            {500, 1, 80, 130},  // 50 ms at full speed, throttled to the end of the 100 ms period, 30 ms more
            {200, 2, 15, 110},  // 200m: half speed each until 20 ms of quota are gone at 20 ms, throttled, 5 ms each left at half speed
        };
        for (long[] c : cases) {
            SimHarness h = new SimHarness(scenario(service("cpu", res(c[0], 64, 0), compute(c[2]))), Duration.ZERO);
            SimHarness.Answer[] answers = new SimHarness.Answer[(int) c[1]];
            for (int i = 0; i < c[1]; i++) answers[i] = h.send("cpu", "/x", i);
            h.runFor(Duration.ofSeconds(1));
            for (SimHarness.Answer a : answers) assertThat(a.at).as("cpu %dm, %d x %d ms", c[0], c[1], c[2]).isEqualTo(c[3] * MS);
        }
    }

    @Test
    void aStepArrivingLaterGetsItsShareFromThen() {
        // One core: A (10 ms) alone for 4 ms, then B (10 ms) arrives; both share: A has 6 ms left at half speed -> ends at 16 ms;
        // B has 4 ms left at full speed after that -> ends at 20 ms. The core is never idle: 20 ms of work end at 20 ms.
        SimHarness h = new SimHarness(scenario(service("cpu", res(1000, 64, 0), compute(10))), Duration.ZERO);
        SimHarness.Answer a = h.send("cpu", "/x", 1);
        h.runFor(Duration.ofMillis(4));
        SimHarness.Answer b = h.send("cpu", "/x", 2);
        h.runFor(Duration.ofSeconds(1));
        assertThat(a.at).isEqualTo(16 * MS);
        assertThat(b.at).isEqualTo(20 * MS);
    }

    @Test
    void aCpuHogTakesItsShareOfTheSameBudget() {
        // One core, a hog of 0.5 core: a 10 ms step gets the other half and takes 20 ms; CPU time accounted = step + hog.
        SimHarness h = new SimHarness(scenario(service("cpu", res(1000, 64, 0), compute(10))), Duration.ZERO);
        var hog = h.mesh.apply(new dev.microsim.faults.effect.Effect.CpuBurn(dev.microsim.faults.effect.Scope.service("cpu"), 0.5));
        h.runFor(Duration.ofMillis(1)); // the hog starts on the replica's own thread
        SimHarness.Answer a = h.send("cpu", "/x", 1);
        h.runFor(Duration.ofMillis(100));
        assertThat(a.at).isEqualTo(1 * MS + 20 * MS);
        hog.remove();
        var rows = h.mesh.sampler().sample(h.clock.instant(), 1);
        double cpuMs = rows.stream().filter(r -> r.metric().equals("cpu_ms")).findFirst().orElseThrow().value();
        // The hog gets the 0.5 core it wants for all 101 ms (the step takes the other half): about 50 ms, plus the step's 10 ms.
        assertThat(cpuMs).isBetween(60.0, 61.0);
    }

    @Test
    void aHogOnAFractionalReplicaUsesUpItsQuotaAndStepsWaitForTheNextPeriod() {
        // 200m = 20 ms per 100 ms period. A 0.5-core hog (from 0) spends it by 40 ms; a 1 ms step arriving at 50 ms waits
        // for the period at 100 ms, then shares the core with the hog (half speed): done at 102 ms.
        SimHarness h = new SimHarness(scenario(service("cpu", res(200, 64, 0), compute(1))), Duration.ZERO);
        h.mesh.apply(new dev.microsim.faults.effect.Effect.CpuBurn(dev.microsim.faults.effect.Scope.service("cpu"), 0.5));
        h.runFor(Duration.ofMillis(50));
        SimHarness.Answer a = h.send("cpu", "/x", 1);
        h.runFor(Duration.ofMillis(200));
        assertThat(a.at).isEqualTo(102 * MS);
    }

    @Test
    void admissionRunsQueuesAndRejectsAtTheSameInstant() {
        // One slot, one queue place, 5 ms each: the first runs (done at 5 ms), the second waits (done at 10 ms), the third gets 503 at once.
        SimHarness h = new SimHarness(scenario(service("one", res(1000, 1, 1), sleep(5))), Duration.ZERO);
        SimHarness.Answer first = h.send("one", "/x", 1);
        SimHarness.Answer second = h.send("one", "/x", 2);
        SimHarness.Answer third = h.send("one", "/x", 3);
        h.runFor(Duration.ofSeconds(1));
        assertThat(first.status).isEqualTo(200);
        assertThat(first.at).isEqualTo(5 * MS);
        assertThat(second.status).isEqualTo(200);
        assertThat(second.at).isEqualTo(10 * MS);
        assertThat(third.status).isEqualTo(503);
        assertThat(third.at).isZero();
    }

    @Test
    void aTimedOutCallIsRetriedAndTheCallerFailsAtTimeoutTimesAttempts() {
        // front calls slow (100 ms) with a 30 ms timeout and 2 retries: three attempts of 30 ms, then front answers 500 at 90 ms.
        SimHarness h = new SimHarness(scenario(service("front", Resources.DEFAULT, call("slow", 30, 2)),
                service("slow", Resources.DEFAULT, sleep(100))), Duration.ZERO);
        SimHarness.Answer a = h.send("front", "/x", 7);
        h.runFor(Duration.ofSeconds(1));
        assertThat(a.status).isEqualTo(500);
        assertThat(a.at).isEqualTo(90 * MS);
        assertThat(h.spans("front", SpanRecord.Kind.CLIENT)).hasSize(3).allSatisfy(s -> {
            assertThat(s.error()).isTrue();
            assertThat(s.endEpochNanos() - s.startEpochNanos()).isEqualTo(30 * MS);
        });
        // The callee is not told to stop: its three requests run their 100 ms and answer into the void.
        assertThat(h.spans("slow", SpanRecord.Kind.SERVER)).hasSize(3).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
        assertThat(h.logs).anySatisfy(l -> assertThat(l.message()).contains("call to slow GET /x failed after 3 attempts: timeout"));
    }
}
