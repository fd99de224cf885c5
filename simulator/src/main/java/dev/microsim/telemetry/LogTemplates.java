package dev.microsim.telemetry;

import java.util.List;

/**
 * The small set of realistic log templates the simulated services write. A parser (Drain and the
 * like) should recover exactly these; {@code {}} marks a parameter.
 */
public final class LogTemplates {
    private LogTemplates() {}

    public static final String SERVED = "request {} served in {} ms";
    public static final String SLOW = "slow request {} took {} ms";
    public static final String FAILED = "request {} failed with status {}";
    public static final String ABORTED = "request {} aborted: {}";
    public static final String REJECTED = "rejecting {}: queue full ({} waiting, limit {})";
    public static final String CALL_FAILED = "call to {} failed after {} attempts: {}";
    public static final String CALL_RETRY = "call to {} failed ({}), retrying in {} ms";
    public static final String STARTED = "replica {} listening on port {}";
    public static final String STOPPED = "replica {} stopped";
    public static final String OOM = "java.lang.OutOfMemoryError: Java heap space (accounted {} bytes, limit {} bytes), replica {} killed";
    public static final String STORM_WARN = "connection pool {} near capacity: {} of {} in use";
    public static final String STORM_ERROR = "failed to flush batch {} to {}: timeout after {} ms";

    public static final List<String> ALL = List.of(SERVED, SLOW, FAILED, ABORTED, REJECTED, CALL_FAILED, CALL_RETRY, STARTED,
            STOPPED, OOM, STORM_WARN, STORM_ERROR);

    /** Fills {@code {}} placeholders in order. */
    public static String render(String template, Object... args) {
        StringBuilder b = new StringBuilder(template.length() + 16 * args.length);
        int from = 0;
        int arg = 0;
        int at;
        while ((at = template.indexOf("{}", from)) >= 0) {
            b.append(template, from, at).append(arg < args.length ? args[arg++] : "{}");
            from = at + 2;
        }
        return b.append(template, from, template.length()).toString();
    }
}
