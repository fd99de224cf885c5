package dev.microsim.runtime;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.vertx.core.http.HttpServerRequest;

/** One request inside a replica, from arrival to answer. Touched only on the replica's event loop. */
final class RequestCtx {
    final HttpServerRequest request;
    final ServiceNode.Route route;
    final long arrivalNanos;
    final Span span;
    final Context otel;
    boolean admitted;
    boolean finished;
    volatile boolean killed;
    long memoryBytes;
    ServerPlan plan = ServerPlan.NONE;

    RequestCtx(HttpServerRequest request, ServiceNode.Route route, long arrivalNanos, Span span, Context parent) {
        this.request = request;
        this.route = route;
        this.arrivalNanos = arrivalNanos;
        this.span = span;
        this.otel = parent.with(span);
    }
}
