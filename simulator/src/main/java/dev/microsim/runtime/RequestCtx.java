package dev.microsim.runtime;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.http.HttpServerRequest;
import java.util.SplittableRandom;

/** One request inside a replica, from arrival to answer. Touched only on the replica's event loop. */
final class RequestCtx {
    final HttpServerRequest request;
    final ServiceNode.Route route;
    final long arrivalNanos;
    final Span span;
    final Context otel;
    /** The request's identity (the {@code x-microsim-key} header, or a hand-made request's stand-in). */
    final long key;
    /** Every draw this request makes comes from here (see {@link RequestRandom}), never from a shared stream. */
    final SplittableRandom random;
    boolean admitted;
    boolean finished;
    volatile boolean killed;
    long memoryBytes;
    ServerPlan plan = ServerPlan.NONE;

    RequestCtx(HttpServerRequest request, ServiceNode.Route route, long arrivalNanos, Span span, Context parent, long key,
               SplittableRandom random) {
        this.request = request;
        this.key = key;
        this.random = random;
        this.route = route;
        this.arrivalNanos = arrivalNanos;
        this.span = span;
        this.otel = parent.with(span);
    }
}
