package dev.microsim.runtime;

import dev.microsim.faults.effect.Effect;
import dev.microsim.load.RequestKey;
import dev.microsim.telemetry.LogRecord.Level;
import dev.microsim.telemetry.LogTemplates;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replica of a service: a real Vert.x HTTP server on 127.0.0.1, bound to one event-loop
 * context so that admission, the script and the answer all run on one thread. Multi-replica
 * services also listen on a shared "service port" (Vert.x server sharing) for load from outside.
 */
final class ReplicaServer {
    private static final TextMapGetter<HttpServerRequest> GETTER = new TextMapGetter<>() {
        public Iterable<String> keys(HttpServerRequest carrier) {
            return carrier.headers().names();
        }

        public String get(HttpServerRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    /** Server-span attribute: the request key (hex), to match a request across runs. */
    static final AttributeKey<String> REQUEST_KEY = AttributeKey.stringKey("microsim.request.key");

    final LocalMesh mesh;
    final ServiceNode node;
    final int index;
    final String instance;
    final ReplicaTelemetry telemetry;
    /** Stand-in keys for requests that came without {@code x-microsim-key} (hand-made; not reproducible). */
    private final AtomicLong handMade = new AtomicLong();
    final io.vertx.core.Context context;
    private final Admission admission;
    private final Set<RequestCtx> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong requestMemory = new AtomicLong();
    final AtomicLong effectMemory = new AtomicLong();
    private final long baselineMemory;
    private HttpServer server;
    private HttpServer front;
    private volatile int port;
    private volatile boolean up;
    private volatile long downSinceNanos;

    ReplicaServer(LocalMesh mesh, ServiceNode node, int index) {
        this.mesh = mesh;
        this.node = node;
        this.index = index;
        this.instance = node.name() + "-" + index;
        this.context = mesh.vertx.getOrCreateContext();
        this.telemetry = new ReplicaTelemetry(node.name(), instance, mesh.options.sink(), mesh.options.clock(),
                mesh.options.extraSpanProcessors(), node.otelLogger);
        var res = node.spec.resources();
        this.admission = new Admission(res.concurrency(), res.queue());
        // A process holds some memory before serving anything: an eighth of its limit, at most 64 MiB.
        this.baselineMemory = Math.min(64L << 20, res.memory().bytes() / 8);
    }

    int port() {
        return port;
    }

    boolean up() {
        return up;
    }

    long downSinceNanos() {
        return downSinceNanos;
    }

    int inflight() {
        return up ? admission.running() : 0;
    }

    int queued() {
        return up ? admission.queued() : 0;
    }

    long memoryBytes() {
        return up ? baselineMemory + requestMemory.get() + effectMemory.get() : 0;
    }

    long memoryLimit() {
        return node.spec.resources().memory().bytes();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Binds the replica's port (ephemeral the first time, the same one on restarts). */
    Future<Void> start() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            HttpServerOptions opts = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true)
                    .setTcpNoDelay(true).setIdleTimeout(0);
            server = mesh.vertx.createHttpServer(opts).requestHandler(this::handle);
            server.listen().compose(s -> {
                port = s.actualPort();
                if (node.spec.replicas() == 1) return Future.succeededFuture();
                front = mesh.vertx.createHttpServer(new HttpServerOptions(opts).setPort(node.frontPort(index)))
                        .requestHandler(this::handle);
                return front.listen().map(f -> {
                    node.frontBound(f.actualPort());
                    return null;
                });
            }).onComplete(ar -> {
                if (ar.succeeded()) {
                    up = true;
                    telemetry.log(Level.INFO, null, LogTemplates.STARTED, instance, port);
                    done.complete();
                } else {
                    done.fail(ar.cause());
                }
            });
        });
        return done.future();
    }

    /** Crash: the port closes (callers get connection refused), in-flight and queued requests are lost. */
    Future<Void> kill() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!up) {
                done.complete();
                return;
            }
            up = false;
            downSinceNanos = System.nanoTime();
            List<RequestCtx> lost = new ArrayList<>(running);
            lost.addAll(admission.clear());
            running.clear();
            requestMemory.set(0);
            List<Future<Void>> closing = new ArrayList<>();
            closing.add(server.close());
            if (front != null) closing.add(front.close());
            for (RequestCtx rc : lost) {
                rc.killed = true;
                rc.finished = true;
                rc.route.stats().completed(System.nanoTime() - rc.arrivalNanos, 502);
                ReplicaTelemetry.end(rc.span, 502, true);
            }
            telemetry.log(Level.WARN, null, LogTemplates.STOPPED, instance);
            Future.join(closing).onComplete(ar -> done.complete());
        });
        return done.future();
    }

    void close() {
        telemetry.close();
    }

    // ---------------------------------------------------------------- requests

    private void handle(HttpServerRequest req) {
        long arrival = System.nanoTime();
        ServiceNode.Route route = node.route(req.method().name(), req.path());
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), req, GETTER);
        String name = route == null ? req.method().name() + " " + req.path() : route.key();
        Span span = telemetry.startSpan(name, SpanKind.SERVER, parent);
        if (route == null) {
            req.response().setStatusCode(404).end();
            ReplicaTelemetry.end(span, 404, false);
            return;
        }
        long key;
        String header = req.getHeader(RequestKey.HEADER);
        if (header == null) {
            // No key (a hand-made request): number it per replica. Its draws then depend on arrival
            // order, as documented: only load-generated (keyed) requests are reproducible.
            key = RequestKey.mix(RequestKey.mix(instance.hashCode()) ^ handMade.getAndIncrement());
        } else {
            try {
                key = RequestKey.parse(header);
            } catch (IllegalArgumentException e) {
                req.response().setStatusCode(400).end(e.getMessage());
                ReplicaTelemetry.end(span, 400, false);
                return;
            }
        }
        span.setAttribute(REQUEST_KEY, RequestKey.format(key));
        SplittableRandom random = RequestRandom.forRequest(mesh.options.seed(), key, node.name(), route.key());
        RequestCtx rc = new RequestCtx(req, route, arrival, span, parent, key, random);
        int held = mesh.effects.heldSlots(node.name(), index);
        switch (admission.admit(rc, held)) {
            case RUN -> begin(rc);
            case QUEUED -> { }
            case REJECTED -> {
                route.stats().rejected();
                telemetry.log(Level.WARN, rc.span.getSpanContext(), LogTemplates.REJECTED, route.key(), admission.queued(), admission.limit() - held);
                rc.finished = true;
                respond(rc, 503);
            }
        }
    }

    private void begin(RequestCtx rc) {
        rc.admitted = true;
        running.add(rc);
        long mem = rc.route.endpoint().memoryPerRequest().bytes();
        if (mem > 0) {
            rc.memoryBytes = mem;
            requestMemory.addAndGet(mem);
        }
        ServerPlan plan = mesh.effects.serverPlan(node.name(), index, rc.route.endpoint().id(), rc.random);
        rc.plan = plan;
        if (plan.abort() != null) {
            Effect.Abort a = plan.abort();
            if (a.exception() != null && !a.exception().isBlank()) {
                telemetry.log(Level.ERROR, rc.span.getSpanContext(), LogTemplates.ABORTED, rc.route.key(), a.exception() + stackTrace(a.exception()));
            }
            finish(rc, a.status());
            return;
        }
        if (plan.hang() != null) {
            Runnable resume = () -> context.runOnContext(v -> afterDelay(rc));
            if (plan.hang().park(resume)) {
                // The caller gives up by closing the connection: free the slot then.
                rc.request.response().closeHandler(v -> {
                    plan.hang().unpark(resume);
                    finish(rc, 504);
                });
                return;
            }
        }
        afterDelay(rc);
    }

    private void afterDelay(RequestCtx rc) {
        if (rc.finished) return;
        long delay = rc.plan.delayNanos();
        if (delay >= 500_000) {
            mesh.vertx.setTimer(Math.max(1, Math.round(delay / 1e6)), id -> runScript(rc));
        } else {
            runScript(rc);
        }
    }

    private void runScript(RequestCtx rc) {
        if (rc.finished) return;
        mesh.scripts.run(this, rc, rc.route.endpoint().steps()).onComplete(ar -> {
            if (rc.finished) return;
            if (ar.failed()) {
                finish(rc, 500);
            } else if (rc.route.endpoint().errorProbability() > 0 && rc.random.nextDouble() < rc.route.endpoint().errorProbability()) {
                finish(rc, 500);
            } else {
                finish(rc, 200);
            }
        });
    }

    private void finish(RequestCtx rc, int status) {
        if (rc.finished) return;
        rc.finished = true;
        respond(rc, status);
        if (status >= 500) {
            telemetry.log(Level.ERROR, rc.span.getSpanContext(), LogTemplates.FAILED, rc.route.key(), status);
        } else if (mesh.options.accessLogShare() > 0 && rc.random.nextDouble() < mesh.options.accessLogShare()) {
            telemetry.log(Level.INFO, rc.span.getSpanContext(), LogTemplates.SERVED, rc.route.key(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rc.arrivalNanos));
        }
        if (rc.admitted) {
            running.remove(rc);
            if (rc.memoryBytes > 0) requestMemory.addAndGet(-rc.memoryBytes);
            admission.release();
            pump();
        }
    }

    /** Starts waiting requests while slots are free; requests whose caller already left are dropped (499). */
    void pump() {
        int held = mesh.effects.heldSlots(node.name(), index);
        RequestCtx next;
        while ((next = admission.next(held)) != null) {
            if (next.request.response().closed()) {
                next.admitted = false;
                admission.release();
                next.finished = true;
                next.route.stats().completed(System.nanoTime() - next.arrivalNanos, 499);
                ReplicaTelemetry.end(next.span, 499, false);
                continue;
            }
            begin(next);
        }
    }

    private void respond(RequestCtx rc, int status) {
        // Counted before the response is written: a client that has its answer must find the request
        // in the service's counters and spans (reading them right after would otherwise race the event loop).
        rc.route.stats().completed(System.nanoTime() - rc.arrivalNanos, status);
        ReplicaTelemetry.end(rc.span, status, status >= 500);
        if (!rc.killed && !rc.request.response().closed()) {
            var resp = rc.request.response().setStatusCode(status);
            long size = status < 400 ? rc.route.endpoint().responseSize().bytes() : 0;
            if (size > 0) resp.end(mesh.body(size));
            else resp.end();
        }
    }

    private String stackTrace(String exception) {
        String pkg = "dev.shop." + node.name().replace('-', '_');
        String cls = Character.toUpperCase(node.name().charAt(0)) + node.name().substring(1).replace("-", "") + "Handler";
        return "\n\tat " + pkg + "." + cls + ".handle(" + cls + ".java:" + (40 + index) + ")"
                + "\n\tat io.vertx.core.impl.ContextImpl.emit(ContextImpl.java:342)"
                + "\n\tat io.netty.util.concurrent.SingleThreadEventExecutor$4.run(SingleThreadEventExecutor.java:997)";
    }

    Instant now() {
        return mesh.options.clock().instant();
    }
}
