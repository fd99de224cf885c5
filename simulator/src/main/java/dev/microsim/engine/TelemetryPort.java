package dev.microsim.engine;

import dev.microsim.telemetry.LogRecord;

/**
 * How one replica's interpreter reports what it does: spans and structured log lines. The live engine
 * backs it with the OpenTelemetry SDK; the discrete-event engine writes records with deterministic ids.
 * A clock-skew fault shifts every timestamp the replica writes.
 */
public interface TelemetryPort {
    /** The server span of an incoming request, child of the caller's span that {@code in} carries. */
    RequestSpan serverSpan(String name, Inbound in);

    /** A client span for one call attempt to {@code peerService}, child of {@code parent}. */
    RequestSpan clientSpan(RequestSpan parent, String name, String peerService);

    /** One log line; {@code request} is the request it is about, or null. */
    void log(LogRecord.Level level, RequestSpan request, String template, Object... args);

    /** Clock-skew faults add up; removing one subtracts its offset. */
    void addSkew(long nanos);
}
