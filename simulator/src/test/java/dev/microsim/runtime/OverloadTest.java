package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.engine.MeshSampler;
import dev.microsim.load.ClientStats;
import dev.microsim.load.LoadPlan;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.units.Rate;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One service with 4 slots and a queue of 40 and 20 ms per request (capacity about 200 rps):
 * 600 rps for 2 s, then 40 rps for 3 s. Overload shows queueing latency and 503s; then it recovers.
 */
class OverloadTest {
    @Test
    void overloadQueuesThenRejectsAndRecoversWhenLoadDrops() throws Exception {
        var scenario = scenario(service("svc", 1, limits(4, 40), sleep(20)));
        AtomicLong served = new AtomicLong();
        TelemetrySink sink = new TelemetrySink() {
            public void span(SpanRecord span) {
                served.incrementAndGet();
            }

            public void log(LogRecord log) {}

            public void metric(MetricRow row) {}
        };
        try (LocalMesh mesh = LocalMesh.start(scenario, MeshOptions.defaults(5, sink))) {
            MeshSampler sampler = mesh.sampler();
            List<List<MetricRow>> perSecond = new ArrayList<>();
            LoadSpec spec = LoadSpec.of("burst", new LoadProfile.Steps(List.of(
                    new LoadProfile.Steps.Stage(Rate.perSecond(600), Duration.ofSeconds(2)),
                    new LoadProfile.Steps.Stage(Rate.perSecond(40), Duration.ofSeconds(3)))), entry("svc"));
            List<ClientStats> client = new CopyOnWriteArrayList<>();
            Thread load = new Thread(() -> {
                try {
                    new LoopbackLoadRunner(Clock.systemUTC())
                            .run(new LoadPlan(List.of(spec), mesh::uri, Duration.ofSeconds(5), 1, Duration.ofSeconds(1)), client::add);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            load.start();
            // Seconds count from the first answer, not from here: a loaded machine may take seconds to start the load.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (served.get() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            sampler.sample(Instant.now(), 1);
            for (int i = 0; i < 5; i++) {
                Thread.sleep(1000);
                perSecond.add(sampler.sample(Instant.now(), 1));
            }
            load.join(15_000);
            double baselineMs = 20;
            double overloadP95 = Math.max(metric(perSecond.get(0), "latency_p95_ms"), metric(perSecond.get(1), "latency_p95_ms"));
            double rejected = metric(perSecond.get(0), "rejections") + metric(perSecond.get(1), "rejections");
            double queuedMax = Math.max(metric(perSecond.get(0), "queue_length"), metric(perSecond.get(1), "queue_length"));
            // Queue of 40 behind 4 slots at 20 ms: a full queue waits about 200 ms.
            assertThat(overloadP95).isGreaterThan(5 * baselineMs);
            assertThat(rejected).isGreaterThan(100);
            assertThat(queuedMax).isGreaterThan(0);
            assertThat(client).anySatisfy(c -> assertThat(c.byStatus()).containsKey(503));
            // Last second at 40 rps: no rejections, latency back near the 20 ms cost.
            List<MetricRow> last = perSecond.get(4);
            assertThat(metric(last, "rejections")).isZero();
            assertThat(metric(last, "latency_p50_ms")).isLessThan(3 * baselineMs);
        }
    }

    private static double metric(List<MetricRow> rows, String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).mapToDouble(MetricRow::value).sum();
    }
}
