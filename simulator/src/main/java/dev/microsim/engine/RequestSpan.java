package dev.microsim.engine;

/**
 * A span of one request (SERVER) or call attempt (CLIENT), made by the engine's {@link TelemetryPort}:
 * an OpenTelemetry span in live mode, a record with deterministic ids in fast mode.
 */
public interface RequestSpan {
    /** The trace id (32 hex digits), for log lines about this request. */
    String traceId();

    /** Records the request key on a server span ({@code microsim.request.key}). */
    void requestKey(long key);

    /** Ends the span with the HTTP status (0: none) and whether it failed. */
    void end(int status, boolean error);

    /** Ends a failed span: {@code status} (0 when no answer came) and the error, recorded on the span. */
    void fail(int status, CallError error);
}
