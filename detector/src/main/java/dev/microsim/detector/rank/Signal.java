package dev.microsim.detector.rank;

import java.util.Objects;

/**
 * One series a ranker may use, on the common {@link TimeGrid} (NaN where it has no value):
 * which service it tells about, where it comes from, which way is bad, the smallest change that
 * means anything ({@code resolution}: one request, one percentage point, half a millisecond; a
 * floor for the noise scale, so a series that was flat at 0 does not turn a single event into an
 * infinite z-score), and, for a series about a call, the other end ({@code peer}, the callee).
 */
public record Signal(String service, String peer, String name, String metric, Source source, Kind kind, Direction direction,
                     double resolution, double relativeFloor, double[] values) {

    /** Changes smaller than this share of the normal level are noise for most series. */
    public static final double DEFAULT_RELATIVE_FLOOR = 0.05;

    public Signal {
        Objects.requireNonNull(service, "service");
        peer = peer == null ? "" : peer;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(values, "values");
        if (!(resolution >= 0) || !(relativeFloor >= 0)) {
            throw new IllegalArgumentException(name + ": resolution and relative floor must be >= 0, were " + resolution + " and " + relativeFloor);
        }
    }

    /** Where the signal was read. */
    public enum Source { METRIC, TRACE, LOG }

    /** Which way is abnormal: more, less, or either. */
    public enum Direction { UP, DOWN, BOTH }

    /**
     * What the signal says about its service: {@code LOCAL} signals move when the service itself is
     * at fault (its CPU, memory, replicas, own errors, self time, logs); {@code SYMPTOM} signals also
     * move when something it depends on is (its latency, its error count); {@code CALL} signals are
     * about one edge (calls from {@code service} to {@code peer}).
     */
    public enum Kind { LOCAL, SYMPTOM, CALL, LOAD }

    public boolean isCall() {
        return !peer.isEmpty();
    }
}
