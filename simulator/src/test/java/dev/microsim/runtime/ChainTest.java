package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.engine.MeshSampler;
import dev.microsim.load.ClientStatsSink;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A 3-service chain front -> mid -> (30%) leaf with known sleep costs, driven at 50 rps for 4 s:
 * latency, call probabilities and trace structure come out as configured.
 */
class ChainTest {
    @Test
    void latencyCallCountsAndTraceTreesMatchTheScenario() throws Exception {
        ConcurrentLinkedQueue<SpanRecord> spans = new ConcurrentLinkedQueue<>();
        TelemetrySink sink = new TelemetrySink() {
            public void span(SpanRecord s) { spans.add(s); }
            public void log(LogRecord l) {}
            public void metric(MetricRow r) {}
        };
        var scenario = scenario(service("front", 1, sleep(10), call("mid", 1.0)), service("mid", 2, sleep(20), call("leaf", 0.3)),
                service("leaf", 1, sleep(30)));
        try (LocalMesh mesh = LocalMesh.start(scenario, MeshOptions.defaults(11, sink))) {
            MeshSampler sampler = mesh.sampler();
            sampler.sample(Instant.now(), 1);
            LoadSpec spec = LoadSpec.of("steady", new LoadProfile.Constant(Rate.perSecond(50)), entry("front"));
            var result = new LoopbackLoadRunner(Clock.systemUTC())
                    .run(new LoadPlan(List.of(spec), mesh::uri, Duration.ofSeconds(4), 3, Duration.ofSeconds(1)), ClientStatsSink.NONE);
            assertThat(result.errors()).isZero();
            List<MetricRow> rows = sampler.sample(Instant.now(), 4);
            double p50 = rows.stream().filter(r -> r.service().equals("front") && r.metric().equals("latency_p50_ms")).findFirst()
                    .orElseThrow().value();
            // 70% of requests skip leaf: the median is 10 + 20 = 30 ms of sleeps plus HTTP and timer overhead
            // (upper bound loose for a busy machine, still below the 60 ms of a request that also visits leaf).
            assertThat(p50).isBetween(29.0, 55.0);

            Thread.sleep(300); // last spans reach the sink
            long frontReqs = count(spans, "front", SpanRecord.Kind.SERVER);
            long midReqs = count(spans, "mid", SpanRecord.Kind.SERVER);
            long leafReqs = count(spans, "leaf", SpanRecord.Kind.SERVER);
            assertThat(frontReqs).isBetween(180L, 200L);
            assertThat(midReqs).isEqualTo(frontReqs); // probability 1
            // Binomial(n, 0.3): 4 standard deviations is about +-0.13 at n = 190.
            double share = (double) leafReqs / midReqs;
            double tolerance = 4 * Math.sqrt(0.3 * 0.7 / midReqs);
            assertThat(share).isBetween(0.3 - tolerance, 0.3 + tolerance);

            Map<String, List<SpanRecord>> traces = spans.stream().collect(Collectors.groupingBy(SpanRecord::traceId));
            assertThat(traces).hasSize((int) frontReqs);
            for (List<SpanRecord> trace : traces.values()) assertIsOneTree(trace);
        }
    }

    private static long count(Iterable<SpanRecord> spans, String service, SpanRecord.Kind kind) {
        long n = 0;
        for (SpanRecord s : spans) if (s.service().equals(service) && s.kind() == kind) n++;
        return n;
    }

    private static void assertIsOneTree(List<SpanRecord> trace) {
        Map<String, SpanRecord> byId = trace.stream().collect(Collectors.toMap(SpanRecord::spanId, Function.identity()));
        List<SpanRecord> roots = trace.stream().filter(s -> s.parentSpanId() == null).toList();
        assertThat(roots).singleElement().satisfies(r -> {
            assertThat(r.service()).isEqualTo("front");
            assertThat(r.kind()).isEqualTo(SpanRecord.Kind.SERVER);
        });
        for (SpanRecord s : trace) {
            if (s.parentSpanId() == null) continue;
            SpanRecord parent = byId.get(s.parentSpanId());
            assertThat(parent).as("parent of %s", s).isNotNull();
            if (s.kind() == SpanRecord.Kind.SERVER) {
                // A server span's parent is the caller's client span, in another service.
                assertThat(parent.kind()).isEqualTo(SpanRecord.Kind.CLIENT);
                assertThat(parent.service()).isNotEqualTo(s.service());
                assertThat(parent.name()).isEqualTo(s.name());
            } else {
                // A client span's parent is the server span of its own service.
                assertThat(parent.kind()).isEqualTo(SpanRecord.Kind.SERVER);
                assertThat(parent.service()).isEqualTo(s.service());
            }
            assertThat(Objects.requireNonNull(parent).startEpochNanos()).isLessThanOrEqualTo(s.startEpochNanos());
        }
    }
}
