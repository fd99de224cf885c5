package dev.microsim.sim;

import dev.microsim.engine.Behaviour;
import dev.microsim.engine.CallError;
import dev.microsim.engine.CallResult;
import dev.microsim.engine.Outbound;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scenario's mesh on the discrete-event engine, with its telemetry kept in memory and requests sent by hand. */
final class SimHarness {
    final EventLoop loop = new EventLoop();
    final SimClock clock = new SimClock(SimOptions.DEFAULT_EPOCH, loop);
    final List<SpanRecord> spans = new ArrayList<>();
    final List<LogRecord> logs = new ArrayList<>();
    final SimMesh mesh;

    /** One answer (or failure) to a request sent from outside, and when it came (virtual nanoseconds). */
    static final class Answer {
        int status = -1;
        String failure;
        long at = -1;
    }

    SimHarness(Scenario scenario, Duration hop) {
        this(scenario, PlatformCosts.IDEAL.withHop(hop));
    }

    SimHarness(Scenario scenario, PlatformCosts platform) {
        TelemetrySink sink = new TelemetrySink() {
            public void span(SpanRecord s) {
                spans.add(s);
            }

            public void log(LogRecord l) {
                logs.add(l);
            }

            public void metric(MetricRow row) {}
        };
        mesh = new SimMesh(scenario, Behaviour.defaults(scenario.seed()).withAccessLogShare(0), SimOptions.defaults().withPlatform(platform), sink,
                loop, clock);
        mesh.start();
    }

    /** Sends {@code GET path} to {@code service} from outside at the current virtual instant. */
    Answer send(String service, String path, long key) {
        Answer a = new Answer();
        mesh.send(new Outbound(service, EndpointId.parse("GET " + path), path, key, null, 0, Duration.ofSeconds(60).toNanos()), new CallResult() {
            public void answered(int status, long bytes) {
                a.status = status;
                a.at = loop.now();
            }

            public void failed(CallError error) {
                a.failure = error.reason();
                a.at = loop.now();
            }
        }, true);
        return a;
    }

    void runFor(Duration d) {
        loop.runUntil(loop.now() + d.toNanos(), 1 << 20, () -> {});
    }

    List<SpanRecord> spans(String service, SpanRecord.Kind kind) {
        return spans.stream().filter(s -> s.service().equals(service) && s.kind() == kind).toList();
    }

    /** Nanoseconds since the run began, from an epoch timestamp the mesh wrote. */
    long sinceStart(long epochNanos) {
        return epochNanos - (clock.epochNanos() - loop.now());
    }
}
