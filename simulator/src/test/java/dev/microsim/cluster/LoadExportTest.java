package dev.microsim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.recorder.otlp.OtlpDataset;
import dev.microsim.recorder.otlp.OtlpReceiver;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * drive's load events over OTLP must say when they did not arrive: the SDK's flush reports success
 * even when its export failed, which let a drive whose events were all lost end with exit 0 (and the
 * run fail with "the load ended without sending a request", no cause given).
 */
class LoadExportTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<Instant> starts = new CopyOnWriteArrayList<>();
    private final List<ClientStats> intervals = new CopyOnWriteArrayList<>();
    private final OtlpDataset dataset = new OtlpDataset(TelemetrySink.NONE, null, new ClientStatsSink() {
        @Override
        public void accept(ClientStats s) {
            intervals.add(s);
        }

        @Override
        public void loadStarted(Instant at) {
            starts.add(at);
        }
    });

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static final Instant T = Instant.parse("2026-12-02T06:00:00Z");
    static final ClientStats STATS = new ClientStats(T, "front GET /x", 10, 0, Map.of(200, 10L), 1, 2, 3);

    LoadExport export(URI base) {
        return new LoadExport(base, "load-test", OtlpHttpLogRecordExporter.builder().setEndpoint(base.resolve("/v1/logs").toString())
                .setTimeout(Duration.ofSeconds(5)).setRetryPolicy(null).build(), Duration.ofSeconds(3), Duration.ofMillis(200));
    }

    /** A receiver in front of the real one that answers the first {@code refusals} exports with 500 (as OtlpReceiver does when it breaks). */
    URI refusingFirst(int refusals, OtlpReceiver real) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpClient client = vertx.createHttpClient();
        HttpServer front = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (seen.getAndIncrement() < refusals) {
                req.response().setStatusCode(500).end("broken");
                return;
            }
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(real.port()).setURI(req.uri())
                            .putHeader("Content-Type", req.getHeader("Content-Type")))
                    .compose(r -> r.send(body)).compose(r -> r.body().map(b -> {
                        req.response().setStatusCode(r.statusCode()).putHeader("Content-Type", "application/x-protobuf").end(b);
                        return b;
                    })).onFailure(e -> req.response().setStatusCode(502).end(e.toString()));
        }));
        front.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + front.actualPort());
    }

    @Test
    void theSdksFlushSaysSuccessEvenWhenItsExportFailed() {
        // Why drive cannot trust forceFlush (what LoadExport did until issue 14's failed run): the batch processor only logs the failure.
        var failing = new io.opentelemetry.sdk.logs.export.LogRecordExporter() {
            final AtomicInteger exports = new AtomicInteger();

            @Override
            public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.logs.data.LogRecordData> logs) {
                exports.incrementAndGet();
                return io.opentelemetry.sdk.common.CompletableResultCode.ofFailure();
            }

            @Override
            public io.opentelemetry.sdk.common.CompletableResultCode flush() {
                return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
            }

            @Override
            public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
                return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
            }
        };
        var provider = io.opentelemetry.sdk.logs.SdkLoggerProvider.builder()
                .addLogRecordProcessor(io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor.builder(failing).build()).build();
        provider.get("t").logRecordBuilder().setBody("start").emit();
        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).as("the flush's own result").isTrue();
        assertThat(failing.exports.get()).as("although its one export failed").isEqualTo(1);
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    @Test
    void aStartEventTheReceiverRefusesIsSentAgainUntilItArrivesOnce() throws Exception {
        OtlpReceiver real = OtlpReceiver.start(vertx, "127.0.0.1", 0, dataset);
        LoadExport export = export(refusingFirst(2, real));
        export.sink().loadStarted(T);
        export.sink().accept(STATS);
        export.close();
        assertThat(starts).as("refused twice, then taken: exactly one start reached the recorder").containsExactly(T);
        assertThat(intervals).extracting(ClientStats::requests).containsExactly(10L);
        assertThat(export.delivered()).as(String.valueOf(export.problem())).isTrue();
    }

    @Test
    void eventsTheReceiverNeverTakesMakeTheExportFailNamingTheStartEvent() throws Exception {
        OtlpReceiver real = OtlpReceiver.start(vertx, "127.0.0.1", 0, dataset);
        LoadExport export = export(refusingFirst(Integer.MAX_VALUE, real));
        export.sink().loadStarted(T);
        export.sink().accept(STATS);
        export.close();
        assertThat(starts).isEmpty();
        assertThat(export.delivered()).as("every export was refused with 500").isFalse();
        assertThat(export.problem()).contains("the load's start event never reached http://127.0.0.1:").contains("the receiver answered with an error status");
    }

    @Test
    void noReceiverAtAllIsAFailureToo() throws Exception {
        HttpServer placeholder = vertx.createHttpServer().requestHandler(r -> r.response().end());
        placeholder.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int port = placeholder.actualPort();
        placeholder.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS); // a port where nothing listens now
        LoadExport export = export(URI.create("http://127.0.0.1:" + port));
        export.sink().accept(STATS);
        export.close();
        assertThat(export.delivered()).isFalse();
        assertThat(export.problem()).contains("1 of 1 load events could not be delivered");
    }
}
