package dev.microsim.engine;

/**
 * Why a call attempt failed, as callers log it ({@code reason}, e.g. "timeout", "connection refused",
 * "status 503"); {@code cause} is the live engine's exception, recorded on the client span, or null.
 */
public record CallError(Kind kind, String reason, Throwable cause) {
    public enum Kind { REFUSED, TIMEOUT, RESET, STATUS, OTHER }

    public static CallError refused(Throwable cause) {
        return new CallError(Kind.REFUSED, "connection refused", cause);
    }

    public static CallError timeout(long timeoutMillis) {
        return new CallError(Kind.TIMEOUT, "timeout", new java.util.concurrent.TimeoutException("no answer within " + timeoutMillis + " ms"));
    }

    public static CallError status(int status) {
        return new CallError(Kind.STATUS, "status " + status, null);
    }

    /** Any other transport failure, named like the exception that reported it. */
    public static CallError of(Throwable t) {
        if (t instanceof java.net.ConnectException) return refused(t);
        if (t instanceof java.util.concurrent.TimeoutException) return new CallError(Kind.TIMEOUT, "timeout", t);
        return new CallError(Kind.OTHER, t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }

    /** The connection was reset after the request went out (a reset fault, or a callee killed mid-request). */
    public static CallError reset() {
        return new CallError(Kind.RESET, "IOException: Connection reset by peer", new java.io.IOException("Connection reset by peer"));
    }
}
