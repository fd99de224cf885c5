package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.model.request.RequestKey;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.units.Rate;
import java.time.Clock;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.units.ByteSize;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The same scenario + seed gives the same per-request decisions (which calls happen, which
 * requests fail, retries included) for the same request keys, whatever order and concurrency the
 * requests arrive in; a different seed gives different decisions.
 *
 * <p>Mesh: front (lognormal compute, then with probability 0.5 a call to mid, one retry) -> mid (2
 * replicas, fails 20%, with probability 0.5 calls db) -> db (fails 20%). Per key, the decision is
 * the sorted list of "service:status" of every server span in that request's trace.
 */
class DeterministicCallsTest {
    private static final int KEYS = 120;
    private static final int IN_FLIGHT = 16;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sameSeedAndKeysGiveTheSameCallsAndErrorsInAnyArrivalOrder() throws Exception {
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) keys.add(RequestKey.of(0, i, 0));
        List<Long> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(5));

        Map<String, List<String>> inOrder;
        Map<String, List<String>> reordered;
        Map<String, List<String>> otherSeed;
        try (Recorded mesh = Recorded.start(42)) {
            inOrder = mesh.drive(keys, 1); // one at a time, in key order
            reordered = mesh.drive(shuffled, IN_FLIGHT); // same mesh, shuffled, 16 in flight
        }
        try (Recorded mesh = Recorded.start(42)) {
            assertThat(mesh.drive(shuffled, IN_FLIGHT)).as("a fresh mesh with the same seed").isEqualTo(inOrder);
        }
        try (Recorded mesh = Recorded.start(43)) {
            otherSeed = mesh.drive(shuffled, IN_FLIGHT);
        }

        assertThat(inOrder).hasSize(KEYS);
        assertThat(reordered).isEqualTo(inOrder);
        // The scenario really branches: some requests skip mid, some reach db, some fail.
        assertThat(inOrder.values()).anyMatch(d -> d.equals(List.of("front:200")));
        assertThat(inOrder.values()).anyMatch(d -> d.contains("db:200"));
        assertThat(inOrder.values()).anyMatch(d -> d.contains("front:500"));
        // Another seed changes some decisions (all 120 equal by chance is about 0.75^120 unlikely).
        assertThat(otherSeed.keySet()).isEqualTo(inOrder.keySet());
        assertThat(otherSeed).isNotEqualTo(inOrder);
    }

    /** The built-in load generator stamps keys by arrival number, so two runs of one plan decide alike. */
    @Test
    void twoLoopbackLoadRunsOfOnePlanDecideAlike() throws Exception {
        LoadSpec spec = LoadSpec.of("steady", new LoadProfile.Constant(Rate.perSecond(40)), entry("front"));
        try (Recorded mesh = Recorded.start(42)) {
            Map<String, List<String>> first = mesh.load(spec);
            Map<String, List<String>> second = mesh.load(spec);
            assertThat(first).hasSizeGreaterThan(40);
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void aMalformedKeyIsRejectedWithTheHeaderNamed() throws Exception {
        try (Recorded mesh = Recorded.start(1)) {
            HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(mesh.entry).header(RequestKey.HEADER, "not-hex").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(400);
            assertThat(resp.body()).contains(RequestKey.HEADER).contains("not-hex");
        }
    }

    private static Scenario branchingMesh() {
        Step lognormal = new Step.Compute(new Distribution.LogNormal(ms(1), ms(4)));
        Step toMid = new Step.Call(entry("mid"), 0.5, ByteSize.ZERO, Duration.ofSeconds(5), 1);
        Step toDb = new Step.Call(entry("db"), 0.5, ByteSize.ZERO, Duration.ofSeconds(5), 0);
        return scenario(service("front", 1, lognormal, toMid), failing("mid", 2, 0.2, sleep(2), toDb), failing("db", 1, 0.2, sleep(1)));
    }

    private static Service failing(String name, int replicas, double errorRate, Step... steps) {
        return new Service(name, replicas, Resources.DEFAULT,
                Map.of(GET, new Endpoint(GET, List.of(steps), errorRate, ByteSize.parse("1KiB"), ByteSize.ZERO)));
    }

    /** A mesh whose server spans are captured with their trace id, service, status and request key. */
    private static final class Recorded implements AutoCloseable {
        private record Seen(String traceId, String service, int status, String key) {}

        final LocalMesh mesh;
        final URI entry;
        private final ConcurrentLinkedQueue<Seen> spans = new ConcurrentLinkedQueue<>();

        private Recorded(long seed) {
            SpanProcessor capture = new SpanProcessor() {
                public void onStart(Context parent, ReadWriteSpan span) {}

                public boolean isStartRequired() {
                    return false;
                }

                public void onEnd(ReadableSpan span) {
                    SpanData d = span.toSpanData();
                    if (d.getKind() != SpanKind.SERVER) return;
                    Long status = d.getAttributes().get(ReplicaTelemetry.HTTP_STATUS);
                    spans.add(new Seen(d.getTraceId(), d.getResource().getAttribute(ReplicaTelemetry.SERVICE_NAME),
                            status == null ? -1 : status.intValue(), d.getAttributes().get(ReplicaServer.REQUEST_KEY)));
                }

                public boolean isEndRequired() {
                    return true;
                }
            };
            this.mesh = LocalMesh.start(branchingMesh(), MeshOptions.defaults(seed, TelemetrySink.NONE).withSpanProcessors(List.of(capture)));
            this.entry = mesh.uri(new EndpointRef("front", GET));
        }

        static Recorded start(long seed) {
            return new Recorded(seed);
        }

        /** Sends one request per key ({@code parallel} at a time, in list order) and returns each key's decisions. */
        Map<String, List<String>> drive(List<Long> keys, int parallel) throws Exception {
            spans.clear();
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<Integer>> sent = new ArrayList<>();
                for (long key : keys) {
                    HttpRequest req = HttpRequest.newBuilder(entry).timeout(Duration.ofSeconds(20))
                            .header(RequestKey.HEADER, RequestKey.format(key)).GET().build();
                    sent.add(pool.submit(() -> HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode()));
                }
                for (Future<Integer> f : sent) assertThat(f.get(60, TimeUnit.SECONDS)).isIn(200, 500);
            } finally {
                pool.shutdownNow();
            }
            return decisions(keys.size());
        }

        /** Runs {@code plan} with the built-in load generator and returns each request key's decisions. */
        Map<String, List<String>> load(LoadSpec spec) throws Exception {
            spans.clear();
            LoadResult result = new LoopbackLoadRunner(Clock.systemUTC())
                    .run(new LoadPlan(List.of(spec), mesh::uri, Duration.ofMillis(1500), 3, Duration.ofSeconds(1)), ClientStatsSink.NONE);
            return decisions(Math.toIntExact(result.requests()));
        }

        private Map<String, List<String>> decisions(int requests) throws InterruptedException {
            // Every request answered; wait (bounded) until every front span has been recorded, then a little for stragglers.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (spans.stream().filter(s -> s.service().equals("front")).count() < requests && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            Map<String, String> keyOfTrace = new TreeMap<>();
            for (Seen s : spans) if (s.service().equals("front")) keyOfTrace.put(s.traceId(), s.key());
            assertThat(keyOfTrace).hasSize(requests);
            Map<String, List<String>> byKey = spans.stream().collect(Collectors.groupingBy(s -> keyOfTrace.get(s.traceId()), TreeMap::new,
                    Collectors.mapping(s -> s.service() + ":" + s.status(), Collectors.toList())));
            byKey.values().forEach(Collections::sort);
            return byKey;
        }

        @Override
        public void close() {
            mesh.close();
        }
    }
}
