package dev.microsim.recorder.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.cli.Scenarios;
import dev.microsim.cluster.PodExport;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.telemetry.EndpointInstruments;
import dev.microsim.telemetry.EndpointStats;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.ServiceMetrics;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * metrics.csv rows rebuilt from OTLP: real OTel SDK meters (the pods' {@link ServiceMetrics} with
 * {@link PodExport}'s reader: delta counters, exponential histograms) export over real OTLP/HTTP to
 * the recorder's receiver; the test's clock stamps each collection at the interval grid's boundaries.
 */
class OtlpMetricsTest {
    static final Scenario SCENARIO = Scenarios.parser().parse("""
            version: 1
            name: otlp-metrics
            duration: 10s
            interval: 1s
            services:
              svc:
                replicas: 2
                endpoints:
                  GET /x: {steps: [{compute: 1ms}]}
                  POST /y: {steps: [{compute: 1ms}]}
              other:
                endpoints:
                  GET /z: {steps: [{compute: 1ms}]}
            load:
              - {profile: constant, rate: 1/s, target: svc GET /x}
            """, "otlp-metrics.yaml").orThrow();
    static final Instant ORIGIN = Instant.parse("2026-12-02T03:00:00Z");

    final StepClock clock = new StepClock(ORIGIN);
    final List<Pod> pods = new ArrayList<>();
    Vertx vertx;
    OtlpReceiver receiver;
    OtlpMetrics metrics;

    record Pod(ServiceMetrics meter, PeriodicMetricReader reader) {
        /**
         * One collection and export. The SDK's reader refuses a flush while it is still releasing the
         * previous export ("exporter busy"), which back-to-back collections of one reader can hit: retried.
         */
        void collect() {
            for (int attempt = 0; attempt < 100; attempt++) {
                if (reader.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()) return;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    throw new AssertionError("interrupted", e);
                }
            }
            throw new AssertionError("the export did not succeed");
        }
    }

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
    }

    /** The recorder's side: the receiver handing metric points to {@link OtlpMetrics}, which waits at most {@code lag} per interval. */
    void start(Duration lag) {
        metrics = new OtlpMetrics(SCENARIO, lag);
        metrics.origin(ORIGIN);
        receiver = OtlpReceiver.start(vertx, "127.0.0.1", 0, new OtlpDataset(TelemetrySink.NONE, metrics, null));
    }

    @AfterEach
    void close() throws Exception {
        pods.forEach(p -> p.meter().close());
        if (receiver != null) receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    Pod pod(String service, String instance, long memoryBytes) {
        PeriodicMetricReader reader = PodExport.metricReader("http://127.0.0.1:" + receiver.port() + "/v1/metrics");
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, service,
                ReplicaTelemetry.SERVICE_INSTANCE_ID, instance)));
        ServiceMetrics m = new ServiceMetrics(resource, List.of(reader), clock,
                () -> List.of(new ServiceMetrics.ReplicaGauge(instance, 1, 2, memoryBytes)), () -> 1);
        Pod p = new Pod(m, reader);
        pods.add(p);
        return p;
    }

    /** The collection of every pod just after boundary {@code k}, as the pods' flusher does it. */
    void collectAt(int k, Pod... which) {
        clock.at(ORIGIN.plusSeconds(k).plusMillis(3));
        for (Pod p : which) p.collect();
    }

    static Map<String, Double> byKey(List<MetricRow> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.service() + "|" + r.endpoint() + "|" + r.metric(), MetricRow::value));
    }

    @Test
    void countersAreSummedOverPodsAndHistogramsMergedPerEndpointOnTheRunsIntervalGrid() {
        start(Duration.ofMillis(200));
        Pod a = pod("svc", "svc-a", 1000);
        Pod b = pod("svc", "svc-b", 500);
        Pod z = pod("other", "other-0", 7);
        EndpointInstruments ax = a.meter().endpoint("GET /x");
        EndpointInstruments bx = b.meter().endpoint("GET /x");
        EndpointInstruments by = b.meter().endpoint("POST /y");
        z.meter().endpoint("GET /z");

        // Before the run (boundary 0 collects it): left out.
        ax.completed(5_000_000_000L, 200);
        collectAt(0, a, b, z);
        // Interval 0: a answers 3x 10 ms and one 503 after 20 ms; b 2x 30 ms on GET /x, one rejection and 40 ms on POST /y.
        for (int i = 0; i < 3; i++) ax.completed(10_000_000, 200);
        ax.completed(20_000_000, 503);
        bx.completed(30_000_000, 200);
        bx.completed(30_000_000, 200);
        bx.rejected();
        by.completed(40_000_000, 200);
        a.meter().addCpuNanos(3_000_000);
        b.meter().addCpuNanos(2_000_000);
        collectAt(1, a, b, z);
        // Interval 1: a alone, one slow answer.
        ax.completed(100_000_000, 200);
        b.meter().restarted();
        collectAt(2, a, b, z);

        Map<String, Double> first = byKey(metrics.sample(ORIGIN, 1));
        assertThat(first.get("svc|GET /x|requests")).isEqualTo(6);
        assertThat(first.get("svc|GET /x|errors")).isEqualTo(1);
        assertThat(first.get("svc|GET /x|rejections")).isEqualTo(1);
        assertThat(first.get("svc|POST /y|requests")).isEqualTo(1);
        assertThat(first.get("svc|GET /x|latency_mean_ms")).as("exact: sum / count, at microsecond resolution").isCloseTo(110.0 / 6, within(1e-3));
        assertThat(first.get("svc|GET /x|latency_p50_ms")).as("rank 3 of 6: a 10 ms answer").isCloseTo(10.0, within(0.1));
        assertThat(first.get("svc|GET /x|latency_p95_ms")).isCloseTo(30.0, within(0.3));
        assertThat(first.get("svc|POST /y|latency_p99_ms")).isCloseTo(40.0, within(0.4));
        assertThat(first.get("svc||cpu_ms")).isCloseTo(5.0, within(1e-9));
        assertThat(first.get("svc||replicas_up")).as("one per pod").isEqualTo(2);
        assertThat(first.get("svc||memory_bytes")).isEqualTo(1500);
        assertThat(first.get("svc||inflight")).isEqualTo(2);
        assertThat(first.get("svc||queue_length")).isEqualTo(4);
        assertThat(first.get("other|GET /z|requests")).as("every endpoint of the scenario has rows, idle ones at 0").isZero();
        assertThat(first).doesNotContainKey("other|GET /z|latency_p50_ms");

        Map<String, Double> second = byKey(metrics.sample(ORIGIN.plusSeconds(1), 1));
        assertThat(second.get("svc|GET /x|requests")).isEqualTo(1);
        assertThat(second.get("svc|GET /x|latency_p99_ms")).isCloseTo(100.0, within(1.0));
        assertThat(second.get("svc|POST /y|requests")).isZero();
        assertThat(second.get("svc||restarts")).isEqualTo(1);
        assertThat(metrics.totalRequests()).isEqualTo(8);
        assertThat(metrics.totalErrors()).isEqualTo(1);
        assertThat(metrics.late()).isZero();

        // A point for an interval already written is left out and counted.
        ax.completed(10_000_000, 200);
        clock.at(ORIGIN.plusSeconds(1).plusMillis(5));
        a.collect();
        assertThat(metrics.late()).isPositive();
    }

    @Test
    void percentilesMatchLocalModesHdrHistogramWithinTheBucketWidth() {
        start(Duration.ofMillis(200));
        Pod a = pod("svc", "svc-a", 0);
        Pod b = pod("svc", "svc-b", 0);
        EndpointInstruments ax = a.meter().endpoint("GET /x");
        EndpointInstruments bx = b.meter().endpoint("GET /x");
        EndpointStats local = EndpointStats.concurrent("GET /x");
        collectAt(0, a, b);
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            // Log-normal latencies around 8 ms with a tail, split over the two pods.
            long nanos = (long) (8e6 * Math.exp(0.6 * random.nextGaussian()));
            (i % 2 == 0 ? ax : bx).completed(nanos, 200);
            local.completed(nanos, 200);
        }
        collectAt(1, a, b);
        Map<String, Double> rows = byKey(metrics.sample(ORIGIN, 1));
        EndpointStats.Snapshot hdr = local.drain();
        assertThat(rows.get("svc|GET /x|requests")).isEqualTo(5000);
        // HdrHistogram at 2 significant digits (local mode) and a base-2 exponential histogram of up to
        // 2048 buckets (about 0.3 % wide here) agree within the coarser of the two: 1 %.
        assertThat(rows.get("svc|GET /x|latency_p50_ms")).isCloseTo(hdr.p50Ms(), within(hdr.p50Ms() * 0.01));
        assertThat(rows.get("svc|GET /x|latency_p95_ms")).isCloseTo(hdr.p95Ms(), within(hdr.p95Ms() * 0.01));
        assertThat(rows.get("svc|GET /x|latency_p99_ms")).isCloseTo(hdr.p99Ms(), within(hdr.p99Ms() * 0.01));
        assertThat(rows.get("svc|GET /x|latency_mean_ms")).isCloseTo(hdr.meanMs(), within(hdr.meanMs() * 0.01));
    }

    @Test
    void anIntervalWaitsForEveryPodsBoundaryButNotForAPodThatWentSilent() throws Exception {
        start(Duration.ofSeconds(30));
        Pod a = pod("svc", "svc-a", 0);
        Pod b = pod("svc", "svc-b", 0);
        EndpointInstruments ax = a.meter().endpoint("GET /x");
        EndpointInstruments bx = b.meter().endpoint("GET /x");
        collectAt(0, a, b);
        ax.completed(10_000_000, 200);
        bx.completed(10_000_000, 200);
        collectAt(1, a);
        List<List<MetricRow>> rows = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread sampler = new Thread(() -> rows.add(metrics.sample(ORIGIN, 1)));
        sampler.start();
        while (sampler.getState() != Thread.State.TIMED_WAITING && sampler.isAlive()) Thread.sleep(5);
        assertThat(rows).as("the sample waits for b's boundary").isEmpty();
        clock.at(ORIGIN.plusSeconds(1).plusMillis(3));
        b.collect();
        sampler.join(30_000);
        assertThat(byKey(rows.get(0)).get("svc|GET /x|requests")).as("both pods' answers").isEqualTo(2);

        // b goes silent (crashed, deleted): three intervals later it is no longer waited for.
        for (int k = 2; k <= 5; k++) collectAt(k, a);
        Thread later = new Thread(() -> rows.add(metrics.sample(ORIGIN.plusSeconds(4), 1)));
        later.start();
        later.join(10_000);
        assertThat(later.isAlive()).as("interval 4 does not wait the 30 s lag for b, silent since boundary 1").isFalse();
        assertThat(metrics.pods()).containsEntry("svc/svc-b", 1L).containsEntry("svc/svc-a", 5L);
    }

    /** A clock the test moves. */
    static final class StepClock extends Clock {
        private volatile Instant now;

        StepClock(Instant now) {
            this.now = now;
        }

        void at(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
