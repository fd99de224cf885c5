package dev.microsim.telemetry;

/**
 * One finished span as the dataset stores it (docs/dataset-format.md, traces.jsonl). Times are
 * epoch nanoseconds as the replica wrote them (clock skew included).
 */
public record SpanRecord(String traceId, String spanId, String parentSpanId, String service, String instance, String name,
                         Kind kind, long startEpochNanos, long endEpochNanos, int status, boolean error) {
    public enum Kind { SERVER, CLIENT }

    public long durationMicros() {
        return (endEpochNanos - startEpochNanos) / 1_000;
    }
}
