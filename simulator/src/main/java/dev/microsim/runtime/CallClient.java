package dev.microsim.runtime;

import dev.microsim.faults.effect.Effect;
import dev.microsim.load.RequestKey;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.Step;
import dev.microsim.telemetry.LogRecord.Level;
import dev.microsim.telemetry.LogTemplates;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Outgoing calls between services: a real HTTP request to a round-robin replica of the callee with
 * the W3C {@code traceparent} header, a total timeout, retries, and the call-side fault effects
 * (delay, refused/reset/black-holed connections, bandwidth, redirect, retry storms, amplification).
 * Each attempt is a CLIENT span of the caller and carries its own {@code x-microsim-key} child key
 * (parent key, step position, amplified copy, attempt), so the callee's draws are reproducible too.
 */
final class CallClient {
    private static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");
    private static final TextMapSetter<HttpClientRequest> SETTER = (req, k, v) -> req.putHeader(k, v);

    /** A failed attempt that still got an HTTP status (>= 400). */
    static final class StatusException extends RuntimeException {
        final int status;

        StatusException(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    private final LocalMesh mesh;
    private final HttpClient client;

    CallClient(LocalMesh mesh, HttpClient client) {
        this.mesh = mesh;
        this.client = client;
    }

    /** @param path the call step's place in the script ({@link RequestRandom#stepPath}), part of the callee's request key */
    Future<Void> call(ReplicaServer from, RequestCtx rc, Step.Call call, long path) {
        if (call.probability() < 1 && rc.random.nextDouble() >= call.probability()) return Future.succeededFuture();
        ServiceNode callee = mesh.node(call.to().service());
        EndpointId ep = call.to().endpoint();
        CallPlan plan = mesh.effects.callPlan(from.node.name(), callee.name(), ep, rc.random);
        int retries = plan.retries() >= 0 ? plan.retries() : call.retries();
        Duration backoff = plan.retries() >= 0 ? plan.backoff() : Duration.ZERO;
        int copies = (int) Math.floor(plan.amplify());
        if (rc.random.nextDouble() < plan.amplify() - copies) copies++;
        if (copies <= 1) return withRetries(from, rc, callee, ep, call, plan, retries, backoff, path, 0, 0);
        List<Future<Void>> all = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) all.add(withRetries(from, rc, callee, ep, call, plan, retries, backoff, path, i, 0));
        return Future.all(all).mapEmpty();
    }

    private Future<Void> withRetries(ReplicaServer from, RequestCtx rc, ServiceNode callee, EndpointId ep, Step.Call call, CallPlan plan,
                                     int retries, Duration backoff, long path, int copy, int attempt) {
        long childKey = RequestRandom.childKey(rc.key, path, copy, attempt);
        return attempt(from, rc, callee, ep, call, plan, childKey).transform(ar -> {
            if (ar.succeeded()) return Future.succeededFuture();
            String target = callee.name() + " " + ep;
            String reason = reason(ar.cause());
            if (attempt < retries && !rc.killed) {
                from.telemetry.log(Level.WARN, rc.span.getSpanContext(), LogTemplates.CALL_RETRY, target, reason, backoff.toMillis());
                return mesh.scripts.timer(backoff.toNanos())
                        .compose(v -> withRetries(from, rc, callee, ep, call, plan, retries, backoff, path, copy, attempt + 1));
            }
            from.telemetry.log(Level.ERROR, rc.span.getSpanContext(), LogTemplates.CALL_FAILED, target, attempt + 1, reason);
            return Future.failedFuture(ar.cause());
        });
    }

    private static String reason(Throwable t) {
        if (t instanceof StatusException s) return "status " + s.status;
        if (t instanceof TimeoutException) return "timeout";
        if (t instanceof ConnectException) return "connection refused";
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private Future<Void> attempt(ReplicaServer from, RequestCtx rc, ServiceNode callee, EndpointId ep, Step.Call call, CallPlan plan,
                                 long childKey) {
        ReplicaServer target = callee.pick();
        Span span = from.telemetry.startSpan(ep.toString(), SpanKind.CLIENT, rc.otel);
        span.setAttribute(PEER_SERVICE, callee.name());
        long timeoutMs = Math.max(1, call.timeout().toMillis());
        Promise<Integer> result = Promise.promise();
        Effect.CallFailure.Mode failure = plan.failure();
        if (failure == Effect.CallFailure.Mode.REFUSED) {
            result.fail(new ConnectException("Connection refused: 127.0.0.1:" + target.port()));
        } else if (failure == Effect.CallFailure.Mode.BLACKHOLE) {
            mesh.vertx.setTimer(timeoutMs, id -> result.tryFail(new TimeoutException("no answer within " + timeoutMs + " ms")));
        } else {
            long started = System.nanoTime();
            mesh.scripts.timer(plan.delayNanos()).onComplete(v -> send(target, rc, ep, call, plan, span, timeoutMs, started, childKey, result));
        }
        return result.future().transform(ar -> {
            if (ar.succeeded()) {
                int status = ar.result();
                ReplicaTelemetry.end(span, status, status >= 500);
                return status >= 400 ? Future.failedFuture(new StatusException(status)) : Future.succeededFuture();
            }
            Throwable t = ar.cause();
            int status = t instanceof StatusException s ? s.status : 0;
            span.recordException(t);
            ReplicaTelemetry.end(span, status, true);
            return Future.failedFuture(t);
        });
    }

    private void send(ReplicaServer target, RequestCtx rc, EndpointId ep, Step.Call call, CallPlan plan, Span span, long timeoutMs,
                      long started, long childKey, Promise<Integer> result) {
        long left = timeoutMs - (System.nanoTime() - started) / 1_000_000;
        if (left <= 0) {
            result.tryFail(new TimeoutException("no answer within " + timeoutMs + " ms"));
            return;
        }
        String path = plan.redirectPath() != null ? plan.redirectPath() : ep.path();
        RequestOptions opts = new RequestOptions().setMethod(HttpMethod.valueOf(ep.method())).setHost("127.0.0.1")
                .setPort(target.port()).setURI(path).setConnectTimeout(left)
                .putHeader(RequestKey.HEADER, RequestKey.format(childKey));
        HttpClientRequest[] inFlight = new HttpClientRequest[1];
        long timer = mesh.vertx.setTimer(left, id -> {
            if (result.tryFail(new TimeoutException("no answer within " + timeoutMs + " ms")) && inFlight[0] != null) {
                inFlight[0].reset();
            }
        });
        long requestBytes = call.requestSize().bytes();
        client.request(opts).compose(req -> {
            inFlight[0] = req;
            W3CTraceContextPropagator.getInstance().inject(rc.otel.with(span), req, SETTER);
            return requestBytes > 0 ? req.send(mesh.body(requestBytes)) : req.send();
        }).compose(resp -> resp.body().map(body -> new long[] {resp.statusCode(), body.length()})).onComplete(ar -> {
            mesh.vertx.cancelTimer(timer);
            if (ar.failed()) {
                result.tryFail(ar.cause());
                return;
            }
            if (plan.failure() == Effect.CallFailure.Mode.RESET) {
                result.tryFail(new java.io.IOException("Connection reset by peer"));
                return;
            }
            int status = (int) ar.result()[0];
            if (plan.bytesPerSecond() > 0) {
                long bytes = requestBytes + ar.result()[1];
                long nanos = Math.round(bytes * 1e9 / plan.bytesPerSecond());
                mesh.scripts.timer(nanos).onComplete(v -> result.tryComplete(status));
            } else {
                result.tryComplete(status);
            }
        });
    }
}
