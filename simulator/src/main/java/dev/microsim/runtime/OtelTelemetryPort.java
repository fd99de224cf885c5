package dev.microsim.runtime;

import dev.microsim.engine.CallError;
import dev.microsim.engine.Inbound;
import dev.microsim.engine.RequestSpan;
import dev.microsim.engine.TelemetryPort;
import dev.microsim.model.request.RequestKey;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.http.HttpServerRequest;

/**
 * The live engine's telemetry: OpenTelemetry SDK spans of one replica ({@link ReplicaTelemetry}),
 * server spans continuing the caller's W3C {@code traceparent}, client spans whose context the call
 * carries on ({@link OtelSpan#context}).
 */
final class OtelTelemetryPort implements TelemetryPort {
    private static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");
    private static final TextMapGetter<HttpServerRequest> GETTER = new TextMapGetter<>() {
        public Iterable<String> keys(HttpServerRequest carrier) {
            return carrier.headers().names();
        }

        public String get(HttpServerRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    final ReplicaTelemetry telemetry;

    OtelTelemetryPort(ReplicaTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public RequestSpan serverSpan(String name, Inbound in) {
        Context parent = in instanceof ReplicaServer.LiveInbound live
                ? W3CTraceContextPropagator.getInstance().extract(Context.root(), live.request, GETTER)
                : Context.root();
        Span span = telemetry.startSpan(name, SpanKind.SERVER, parent);
        return new OtelSpan(span, parent.with(span));
    }

    @Override
    public RequestSpan clientSpan(RequestSpan parent, String name, String peerService) {
        Context context = ((OtelSpan) parent).context;
        Span span = telemetry.startSpan(name, SpanKind.CLIENT, context);
        span.setAttribute(PEER_SERVICE, peerService);
        return new OtelSpan(span, context.with(span));
    }

    @Override
    public void log(LogRecord.Level level, RequestSpan request, String template, Object... args) {
        telemetry.log(level, request == null ? null : ((OtelSpan) request).span.getSpanContext(), template, args);
    }

    @Override
    public void addSkew(long nanos) {
        telemetry.addSkew(nanos);
    }

    /** An OTel span and the context its children (and the outgoing {@code traceparent}) continue. */
    static final class OtelSpan implements RequestSpan {
        final Span span;
        final Context context;

        OtelSpan(Span span, Context context) {
            this.span = span;
            this.context = context;
        }

        @Override
        public String traceId() {
            return span.getSpanContext().getTraceId();
        }

        @Override
        public void requestKey(long key) {
            span.setAttribute(ReplicaServer.REQUEST_KEY, RequestKey.format(key));
        }

        @Override
        public void end(int status, boolean error) {
            ReplicaTelemetry.end(span, status, error);
        }

        @Override
        public void fail(int status, CallError error) {
            if (error.cause() != null) span.recordException(error.cause());
            ReplicaTelemetry.end(span, status, true);
        }
    }
}
