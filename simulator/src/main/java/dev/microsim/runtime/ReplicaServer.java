package dev.microsim.runtime;

import dev.microsim.engine.CallError;
import dev.microsim.engine.CallResult;
import dev.microsim.engine.Cancellable;
import dev.microsim.engine.Inbound;
import dev.microsim.engine.Outbound;
import dev.microsim.engine.ReplicaEngine;
import dev.microsim.engine.ReplicaInterpreter;
import dev.microsim.engine.RequestSpan;
import dev.microsim.model.request.RequestKey;
import dev.microsim.telemetry.OtelClock;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One replica in the live engine: a real Vert.x HTTP server on 127.0.0.1, bound to one event-loop
 * context, and the {@link ReplicaEngine} its {@link ReplicaInterpreter} acts through on that context:
 * Vert.x timers (1 ms resolution), real CPU on the mesh's pool within the replica's {@link CpuBudget}
 * (its {@code resources.cpu}), real HTTP calls (W3C
 * {@code traceparent}, the request key header). Multi-replica services also listen on a shared
 * "service port" (Vert.x server sharing) for load from outside.
 */
final class ReplicaServer implements ReplicaEngine {
    /** Server-span attribute: the request key (hex), to match a request across runs. */
    static final AttributeKey<String> REQUEST_KEY = AttributeKey.stringKey("microsim.request.key");
    private static final TextMapSetter<HttpClientRequest> SETTER = (req, k, v) -> req.putHeader(k, v);

    final LocalMesh mesh;
    final LiveService service;
    final int index;
    final io.vertx.core.Context context;
    final ReplicaTelemetry otel;
    final ReplicaInterpreter interpreter;
    private final OtelTelemetryPort telemetry;
    /** The replica's CPU limit: its steps and hogs burn within it. */
    private final CpuBudget cpu;
    private final int fixedPort;
    /** False in shared-listener mode for replicas that are no load target: they listen on no port of their own. */
    private final boolean ownPort;
    private HttpServer server;
    private HttpServer front;
    private volatile int port;

    ReplicaServer(LocalMesh mesh, LiveService service, int index, int fixedPort, boolean ownPort) {
        this.mesh = mesh;
        this.service = service;
        this.index = index;
        this.fixedPort = fixedPort;
        this.ownPort = ownPort;
        this.context = mesh.vertx.getOrCreateContext();
        String instance = mesh.hosting().instanceName(service.name(), index);
        this.otel = new ReplicaTelemetry(service.name(), instance, mesh.options.sink(), mesh.options.clock(),
                mesh.options.extraSpanProcessors(), service.otelLogger);
        this.telemetry = new OtelTelemetryPort(otel);
        this.cpu = new CpuBudget(mesh.cpu, service.state.spec().resources().cpu().cores());
        this.interpreter = mesh.model.addReplica(service.state, index, instance, this, telemetry);
    }

    int port() {
        return ownPort ? port : mesh.sharedPort();
    }

    boolean ownPort() {
        return ownPort;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Binds the replica's port (ephemeral or fixed the first time, the same one on restarts). */
    Future<Void> start() {
        Promise<Void> done = Promise.promise();
        if (!ownPort) { // reached through the shared listener only
            context.runOnContext(v -> {
                interpreter.started(mesh.sharedPort());
                done.complete();
            });
            return done.future();
        }
        context.runOnContext(v -> {
            int bind = port != 0 ? port : fixedPort;
            HttpServerOptions opts = new HttpServerOptions().setHost(mesh.bindHost()).setPort(bind).setReuseAddress(true)
                    .setTcpNoDelay(true).setIdleTimeout(0);
            server = mesh.vertx.createHttpServer(opts).requestHandler(this::handle);
            server.listen().compose(s -> {
                port = s.actualPort();
                if (service.state.spec().replicas() == 1) return Future.succeededFuture();
                front = mesh.vertx.createHttpServer(new HttpServerOptions(opts).setPort(service.frontPort())).requestHandler(this::handle);
                return front.listen().mapEmpty();
            }).onComplete(ar -> {
                if (ar.succeeded()) {
                    interpreter.started(port);
                    done.complete();
                } else {
                    done.fail(ar.cause());
                }
            });
        });
        return done.future();
    }

    /** Crash: the interpreter loses in-flight and queued requests, the ports close (callers get connection refused). */
    Future<Void> kill() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!interpreter.kill() || !ownPort) {
                done.complete();
                return;
            }
            List<Future<Void>> closing = new ArrayList<>();
            closing.add(server.close());
            if (front != null) closing.add(front.close());
            Future.join(closing).onComplete(ar -> done.complete());
        });
        return done.future();
    }

    void close() {
        otel.close();
    }

    // ---------------------------------------------------------------- requests in

    /** A request the shared listener routed here, now on this replica's context. */
    void accept(HttpServerRequest req) {
        handle(req);
    }

    private void handle(HttpServerRequest req) {
        String header = req.getHeader(RequestKey.HEADER);
        long key = 0;
        if (header != null) {
            try {
                key = RequestKey.parse(header);
            } catch (IllegalArgumentException e) {
                LiveInbound in = new LiveInbound(req, false, 0);
                telemetry.serverSpan(req.method().name() + " " + req.path(), in).end(400, false);
                req.response().setStatusCode(400).end(e.getMessage());
                return;
            }
        }
        interpreter.onRequest(new LiveInbound(req, header != null, key));
    }

    /** A real HTTP request as the interpreter sees it. */
    final class LiveInbound implements Inbound {
        final HttpServerRequest request;
        private final boolean hasKey;
        private final long key;

        LiveInbound(HttpServerRequest request, boolean hasKey, long key) {
            this.request = request;
            this.hasKey = hasKey;
            this.key = key;
        }

        public String method() {
            return request.method().name();
        }

        public String path() {
            return request.path();
        }

        public boolean hasKey() {
            return hasKey;
        }

        public long key() {
            return key;
        }

        public boolean callerGone() {
            return request.response().closed();
        }

        public void onCallerGone(Runnable action) {
            if (request.response().closed()) action.run();
            else request.response().closeHandler(v -> action.run());
        }

        public void respond(int status, long bodyBytes) {
            var resp = request.response().setStatusCode(status);
            if (bodyBytes > 0) resp.end(mesh.body(bodyBytes));
            else resp.end();
        }

        public void reset() {
            request.connection().close();
        }
    }

    // ---------------------------------------------------------------- ReplicaEngine

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public long epochNanos() {
        return OtelClock.epochNanos(mesh.options.clock());
    }

    /** Vert.x timers have 1 ms resolution: waits under half a millisecond run at once. */
    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        if (delayNanos < 500_000) {
            task.run();
            return Cancellable.NONE;
        }
        long id = mesh.vertx.setTimer(Math.max(1, Math.round(delayNanos / 1e6)), t -> task.run());
        return () -> mesh.vertx.cancelTimer(id);
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public void compute(long cpuNanos, LongConsumer done) {
        cpu.compute(cpuNanos, used -> context.runOnContext(v -> done.accept(used)));
    }

    @Override
    public Cancellable burn(double cores, LongConsumer accounted) {
        return CpuHog.start(service.name() + "-" + index, cores, cpu, interpreter::up, accounted);
    }

    @Override
    public Cancellable send(Outbound call, CallResult result) {
        CalleeLookup.Address to = mesh.locate(call.service());
        RequestOptions opts = new RequestOptions().setMethod(HttpMethod.valueOf(call.endpoint().method())).setHost(to.host())
                .setPort(to.port()).setURI(call.path()).setConnectTimeout(Math.max(1, call.connectTimeoutNanos() / 1_000_000))
                .putHeader(RequestKey.HEADER, RequestKey.format(call.key()));
        if (to.route() != null) opts.putHeader(SharedListener.ROUTE, to.route());
        LiveCall live = new LiveCall();
        RequestSpan span = call.span();
        mesh.client.request(opts).compose(req -> {
            if (live.cancelled) {
                req.reset();
                return Future.failedFuture("cancelled");
            }
            live.request = req;
            W3CTraceContextPropagator.getInstance().inject(((OtelTelemetryPort.OtelSpan) span).context, req, SETTER);
            return call.requestBytes() > 0 ? req.send(mesh.body(call.requestBytes())) : req.send();
        }).compose(resp -> resp.body().map(body -> new long[] {resp.statusCode(), body.length()})).onComplete(ar -> {
            if (live.cancelled) return;
            if (ar.failed()) result.failed(CallError.of(ar.cause()));
            else result.answered((int) ar.result()[0], ar.result()[1]);
        });
        return live;
    }

    /** An HTTP call in flight; cancelling (a timeout) resets it so the callee sees its caller gone. */
    private static final class LiveCall implements Cancellable {
        volatile boolean cancelled;
        volatile HttpClientRequest request;

        @Override
        public void cancel() {
            if (cancelled) return;
            cancelled = true;
            HttpClientRequest r = request;
            if (r != null) r.reset();
        }
    }
}
