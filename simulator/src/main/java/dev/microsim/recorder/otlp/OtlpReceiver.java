package dev.microsim.recorder.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recorder's OTLP/HTTP receiver (protobuf, gzip or plain): what a Kubernetes run's collector
 * forwards to, and what the pods of a cluster-shaped run on one machine export to directly.
 * {@code POST /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} decode the standard export
 * requests and hand them to {@link OtlpIngest}; the answer is the (empty) export response, or 400
 * naming what could not be read, 415 for a body that is not protobuf (OTLP/JSON is not accepted).
 */
public final class OtlpReceiver implements AutoCloseable {
    private static final int MAX_BODY = 64 << 20;
    private final Vertx vertx;
    private final HttpServer server;
    private final OtlpIngest ingest;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private OtlpReceiver(Vertx vertx, HttpServer server, OtlpIngest ingest) {
        this.vertx = vertx;
        this.server = server;
        this.ingest = ingest;
    }

    /** Listens on {@code host:port} (0: a free port); returns once it listens. */
    public static OtlpReceiver start(Vertx vertx, String host, int port, OtlpIngest ingest) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setDecompressionSupported(true)
                .setMaxFormAttributeSize(MAX_BODY));
        OtlpReceiver r = new OtlpReceiver(vertx, server, ingest);
        server.requestHandler(r::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the OTLP receiver cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return r;
    }

    public int port() {
        return server.actualPort();
    }

    /** Export requests accepted so far. */
    public long requests() {
        return requests.get();
    }

    /** Export requests refused (unreadable bodies, unknown paths). */
    public long refused() {
        return refused.get();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (!req.method().name().equals("POST") || !(path.equals("/v1/traces") || path.equals("/v1/metrics") || path.equals("/v1/logs"))) {
            refuse(req, 404, "no such resource " + req.method() + " " + path + "; OTLP/HTTP: POST /v1/traces, /v1/metrics, /v1/logs");
            return;
        }
        String type = req.getHeader("Content-Type");
        if (type != null && !type.startsWith("application/x-protobuf") && !type.startsWith("application/protobuf")) {
            refuse(req, 415, "Content-Type " + type + ": this receiver reads OTLP/HTTP protobuf (application/x-protobuf)");
            return;
        }
        // Decoding and recording run on a worker thread, unordered: on one event loop, one slow export (a
        // cold JVM on a loaded machine: seconds) held up every other pod's, and the load's start event
        // with them, past their exporters' timeouts.
        req.body().onSuccess(body -> vertx.<byte[]>executeBlocking(() -> accept(path, body), false).onComplete(done -> {
            if (done.succeeded()) {
                requests.incrementAndGet();
                req.response().putHeader("Content-Type", "application/x-protobuf").end(Buffer.buffer(done.result()));
            } else if (done.cause() instanceof InvalidProtocolBufferException e) {
                refuse(req, 400, path + ": the body is not an OTLP export request: " + e.getMessage());
            } else {
                // Never leave an exporter waiting for an answer: a broken receiver says so (500) and the pod's exporter moves on.
                refuse(req, 500, path + ": " + done.cause());
            }
        })).onFailure(e -> refuse(req, 400, path + ": " + e.getMessage()));
    }

    private byte[] accept(String path, Buffer body) throws InvalidProtocolBufferException {
        byte[] bytes = body.getBytes();
        switch (path) {
            case "/v1/traces" -> {
                ingest.traces(ExportTraceServiceRequest.parseFrom(bytes));
                return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            }
            case "/v1/metrics" -> {
                ingest.metrics(ExportMetricsServiceRequest.parseFrom(bytes));
                return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            }
            default -> {
                ingest.logs(ExportLogsServiceRequest.parseFrom(bytes));
                return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
            }
        }
    }

    private void refuse(HttpServerRequest req, int status, String message) {
        refused.incrementAndGet();
        req.response().setStatusCode(status).putHeader("Content-Type", "text/plain").end(message);
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("closing the OTLP receiver failed: " + e.getMessage(), e);
        }
    }
}
