package dev.microsim.recorder.otlp;

import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The dataset's records from an OTLP stream: spans become traces.jsonl records and log lines
 * logs.jsonl records (handed to the recorder's sink, exactly the records local mode writes).
 * Metric points are counted per metric name only: rebuilding metrics.csv from them (per interval,
 * per endpoint) is not done yet. Records that are not MicroSim's (no {@code service.name}, a span
 * neither server nor client, a log line without its template) are counted and left out.
 */
public final class OtlpRecords implements OtlpIngest {
    private final TelemetrySink sink;
    private final AtomicLong foreign = new AtomicLong();
    private final Map<String, LongAdder> metricPoints = new ConcurrentHashMap<>();

    public OtlpRecords(TelemetrySink sink) {
        this.sink = sink;
    }

    /** Records left out because they were not MicroSim's. */
    public long foreign() {
        return foreign.get();
    }

    /** Data points received so far, per metric name (service and attributes pooled). */
    public Map<String, Long> metricPoints() {
        Map<String, Long> out = new java.util.TreeMap<>();
        metricPoints.forEach((k, v) -> out.put(k, v.sum()));
        return out;
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
                    String template = OtlpValues.string(r.getAttributesList(), ReplicaTelemetry.LOG_TEMPLATE.getKey());
                    if (service == null || template == null) {
                        foreign.incrementAndGet();
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
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    int points = switch (m.getDataCase()) {
                        case SUM -> m.getSum().getDataPointsCount();
                        case GAUGE -> m.getGauge().getDataPointsCount();
                        case HISTOGRAM -> m.getHistogram().getDataPointsCount();
                        case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
                        case SUMMARY -> m.getSummary().getDataPointsCount();
                        default -> 0;
                    };
                    metricPoints.computeIfAbsent(m.getName(), k -> new LongAdder()).add(points);
                }
            }
        }
    }
}
