package dev.microsim.telemetry;

/** One structured log line (logs.jsonl): a template a log parser can recover, and its rendered message. */
public record LogRecord(long epochNanos, String service, String instance, Level level, String template, String message, String traceId) {
    public enum Level { INFO, WARN, ERROR }
}
