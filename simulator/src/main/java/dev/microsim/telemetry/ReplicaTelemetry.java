package dev.microsim.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The telemetry identity of one replica: an OpenTelemetry tracer provider whose resource says
 * {@code service.name} and {@code service.instance.id}, and a structured logger. Finished spans go
 * to the shared {@link TelemetrySink} (and to any extra processors, e.g. an OTLP exporter).
 * A clock-skew fault shifts every timestamp this replica writes.
 */
public final class ReplicaTelemetry implements AutoCloseable {
    public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    public static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");
    public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    /** The log line's template (logs.jsonl's {@code template}) on OTel log records, so parsers can group without Drain. */
    public static final AttributeKey<String> LOG_TEMPLATE = AttributeKey.stringKey("microsim.log.template");

    private final String service;
    private final String instance;
    private final TelemetrySink sink;
    private final Clock clock;
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final Logger otelLogger;
    private volatile long skewNanos;

    public ReplicaTelemetry(String service, String instance, TelemetrySink sink, Clock clock, List<SpanProcessor> extraProcessors) {
        this(service, instance, sink, clock, extraProcessors, null);
    }

    /** {@code otelLogger}: the service's OTel SDK logger that log lines also go to; null for none. */
    public ReplicaTelemetry(String service, String instance, TelemetrySink sink, Clock clock, List<SpanProcessor> extraProcessors,
                            Logger otelLogger) {
        this.otelLogger = otelLogger;
        this.service = service;
        this.instance = instance;
        this.sink = sink;
        this.clock = clock;
        var builder = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(SERVICE_NAME, service, SERVICE_INSTANCE_ID, instance)))
                .setClock(new OtelClock(clock))
                .setSampler(Sampler.alwaysOn())
                .addSpanProcessor(new Recording());
        extraProcessors.forEach(builder::addSpanProcessor);
        this.provider = builder.build();
        this.tracer = provider.get("dev.microsim.runtime");
    }

    public String service() {
        return service;
    }

    public String instance() {
        return instance;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Clock-skew faults add up; removing one subtracts its offset. */
    public synchronized void addSkew(long nanos) {
        this.skewNanos += nanos;
    }

    public long skewNanos() {
        return skewNanos;
    }

    public long nowEpochNanos() {
        return OtelClock.epochNanos(clock) + skewNanos;
    }

    /** Starts a span of this replica; the caller ends it with {@link #end}. */
    public io.opentelemetry.api.trace.Span startSpan(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    public static void end(io.opentelemetry.api.trace.Span span, int status, boolean error) {
        span.setAttribute(HTTP_STATUS, (long) status);
        if (error) span.setStatus(StatusCode.ERROR);
        span.end();
    }

    /** One log line; {@code request} is the span context of the request it is about, or null. */
    public void log(LogRecord.Level level, SpanContext request, String template, Object... args) {
        long at = nowEpochNanos();
        String message = LogTemplates.render(template, args);
        sink.log(new LogRecord(at, service, instance, level, template, message, request == null ? null : request.getTraceId()));
        Logger otel = otelLogger;
        if (otel != null) {
            var b = otel.logRecordBuilder().setTimestamp(at, TimeUnit.NANOSECONDS).setSeverity(severity(level))
                    .setSeverityText(level.name()).setBody(message).setAttribute(LOG_TEMPLATE, template)
                    .setAttribute(SERVICE_INSTANCE_ID, instance);
            if (request != null) b.setContext(Context.root().with(Span.wrap(request)));
            b.emit();
        }
    }

    private static Severity severity(LogRecord.Level level) {
        return switch (level) {
            case INFO -> Severity.INFO;
            case WARN -> Severity.WARN;
            case ERROR -> Severity.ERROR;
        };
    }

    @Override
    public void close() {
        provider.close();
    }

    /** Converts each ended span into the dataset's record; skew applied here so it is one place. */
    private final class Recording implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            SpanData d = span.toSpanData();
            Long status = d.getAttributes().get(HTTP_STATUS);
            String parent = d.getParentSpanContext().isValid() ? d.getParentSpanId() : null;
            long skew = skewNanos;
            sink.span(new SpanRecord(d.getTraceId(), d.getSpanId(), parent, service, instance, d.getName(),
                    d.getKind() == SpanKind.CLIENT ? SpanRecord.Kind.CLIENT : SpanRecord.Kind.SERVER,
                    d.getStartEpochNanos() + skew, d.getEndEpochNanos() + skew, status == null ? 0 : status.intValue(),
                    d.getStatus().getStatusCode() == StatusCode.ERROR));
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
