package dev.microsim.telemetry;

/**
 * Where the mesh hands its telemetry. Calls come from event loops and must never block: a sink
 * that cannot keep up drops and counts (the recorder reports drops in the manifest).
 */
public interface TelemetrySink {
    void span(SpanRecord span);

    void log(LogRecord log);

    void metric(MetricRow row);

    /** One interval's rows at once (a recorder takes them as one entry, and keeps the list: pass a new one each call). */
    default void metrics(java.util.List<MetricRow> rows) {
        rows.forEach(this::metric);
    }

    /** {@code sink} with spans and/or logs left out (metrics always pass). */
    static TelemetrySink only(TelemetrySink sink, boolean spans, boolean logs) {
        if (spans && logs) return sink;
        return new TelemetrySink() {
            public void span(SpanRecord span) {
                if (spans) sink.span(span);
            }

            public void log(LogRecord log) {
                if (logs) sink.log(log);
            }

            public void metric(MetricRow row) {
                sink.metric(row);
            }
        };
    }

    TelemetrySink NONE = new TelemetrySink() {
        public void span(SpanRecord span) {}

        public void log(LogRecord log) {}

        public void metric(MetricRow row) {}
    };
}
