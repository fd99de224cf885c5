package dev.microsim.telemetry;

/**
 * Where the mesh hands its telemetry. Calls come from event loops and must never block: a sink
 * that cannot keep up drops and counts (the recorder reports drops in the manifest).
 */
public interface TelemetrySink {
    void span(SpanRecord span);

    void log(LogRecord log);

    void metric(MetricRow row);

    TelemetrySink NONE = new TelemetrySink() {
        public void span(SpanRecord span) {}

        public void log(LogRecord log) {}

        public void metric(MetricRow row) {}
    };
}
