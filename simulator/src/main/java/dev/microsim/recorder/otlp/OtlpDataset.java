package dev.microsim.recorder.otlp;

import dev.microsim.load.ClientStatsSink;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dataset from an OTLP stream: spans to traces.jsonl and log lines to logs.jsonl (through the
 * recorder's sink, exactly the records local mode writes), the load's events ({@link LoadEvents})
 * to load.csv and the run's start, and metric data points to {@link OtlpMetrics}, which turns them
 * into metrics.csv rows per interval. Records that are not MicroSim's (no {@code service.name}, a
 * span neither server nor client, a log line without its template) are counted and left out.
 */
public final class OtlpDataset implements OtlpIngest {
    private final TelemetrySink sink;
    private final OtlpMetrics metrics;
    private volatile ClientStatsSink load;
    private final AtomicLong foreign = new AtomicLong();
    /** Spans and log lines that start before this (epoch nanos) are not the run's: a warm-up's, or a mesh's while it starts. */
    private volatile long recordFromNanos = Long.MIN_VALUE;
    private final AtomicLong beforeRun = new AtomicLong();

    /**
     * @param sink where spans and log lines go (the recorder, already filtered for --no-traces/--no-logs)
     * @param metrics the metric points' destination, or null to ignore them
     * @param load where the load's statistics and its start go (may be set later, {@link #load(ClientStatsSink)})
     */
    public OtlpDataset(TelemetrySink sink, OtlpMetrics metrics, ClientStatsSink load) {
        this.sink = sink;
        this.metrics = metrics;
        this.load = load == null ? ClientStatsSink.NONE : load;
    }

    /** Where the load's events go from now on. */
    public void load(ClientStatsSink load) {
        this.load = load == null ? ClientStatsSink.NONE : load;
    }

    /**
     * Spans and log lines that start before {@code from} are left out from now on, and counted
     * ({@link #beforeRun()}): those of the requests that warmed the pods up before the run. Null:
     * record all.
     */
    public void recordFrom(Instant from) {
        recordFromNanos = from == null ? Long.MIN_VALUE : from.getEpochSecond() * 1_000_000_000L + from.getNano();
    }

    /** Leaves out every span and log line until {@link #recordFrom} says where the run's begin (while the mesh starts and warms up). */
    public void recordNothingYet() {
        recordFromNanos = Long.MAX_VALUE;
    }

    /** Spans and log lines left out because they came before the run ({@link #recordFrom}). */
    public long beforeRun() {
        return beforeRun.get();
    }

    /** Records left out because they were not MicroSim's. */
    public long foreign() {
        return foreign.get();
    }

    @Override
    public void traces(ExportTraceServiceRequest request) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
            var resource = rs.getResource().getAttributesList();
            String service = OtlpValues.string(resource, ReplicaTelemetry.SERVICE_NAME.getKey());
            String instance = OtlpValues.string(resource, ReplicaTelemetry.SERVICE_INSTANCE_ID.getKey());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    SpanRecord.Kind kind = switch (s.getKind()) {
                        case SPAN_KIND_SERVER -> SpanRecord.Kind.SERVER;
                        case SPAN_KIND_CLIENT -> SpanRecord.Kind.CLIENT;
                        default -> null;
                    };
                    if (service == null || kind == null) {
                        foreign.incrementAndGet();
                        continue;
                    }
                    if (s.getStartTimeUnixNano() < recordFromNanos) {
                        beforeRun.incrementAndGet();
                        continue;
                    }
                    int status = (int) OtlpValues.integer(s.getAttributesList(), ReplicaTelemetry.HTTP_STATUS.getKey(), 0);
                    sink.span(new SpanRecord(OtlpValues.hex(s.getTraceId()), OtlpValues.hex(s.getSpanId()), OtlpValues.hex(s.getParentSpanId()),
                            service, instance == null ? service : instance, s.getName(), kind, s.getStartTimeUnixNano(), s.getEndTimeUnixNano(),
                            status, s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR));
                }
            }
        }
    }

    @Override
    public void logs(ExportLogsServiceRequest request) {
        for (ResourceLogs rl : request.getResourceLogsList()) {
            var resource = rl.getResource().getAttributesList();
            String service = OtlpValues.string(resource, ReplicaTelemetry.SERVICE_NAME.getKey());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (var r : sl.getLogRecordsList()) {
                    if (LoadEvents.is(r)) {
                        LoadEvents.deliver(r, load);
                        continue;
                    }
                    String template = OtlpValues.string(r.getAttributesList(), ReplicaTelemetry.LOG_TEMPLATE.getKey());
                    if (service == null || template == null) {
                        foreign.incrementAndGet();
                        continue;
                    }
                    if (r.getTimeUnixNano() < recordFromNanos) {
                        beforeRun.incrementAndGet();
                        continue;
                    }
                    String instance = OtlpValues.string(r.getAttributesList(), ReplicaTelemetry.SERVICE_INSTANCE_ID.getKey());
                    if (instance == null) instance = OtlpValues.string(resource, ReplicaTelemetry.SERVICE_INSTANCE_ID.getKey());
                    sink.log(new LogRecord(r.getTimeUnixNano(), service, instance == null ? service : instance, level(r.getSeverityText()),
                            template, r.getBody().getStringValue(), OtlpValues.hex(r.getTraceId())));
                }
            }
        }
    }

    private static LogRecord.Level level(String text) {
        return switch (text) {
            case "WARN" -> LogRecord.Level.WARN;
            case "ERROR" -> LogRecord.Level.ERROR;
            default -> LogRecord.Level.INFO;
        };
    }

    @Override
    public void metrics(ExportMetricsServiceRequest request) {
        if (metrics == null) return;
        for (ResourceMetrics rm : request.getResourceMetricsList()) metrics.accept(rm);
    }
}
