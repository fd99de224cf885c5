package dev.microsim.detector.telemetry;

import java.util.Objects;

/**
 * One log record as a service wrote it: no template. {@code traceId} is null for a line outside a
 * request. Instants are epoch milliseconds.
 */
public record LogLine(long epochMillis, String service, String instance, String level, String message, String traceId) {

    public LogLine {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }
}
