package dev.microsim.detector.nab;

import dev.microsim.detector.metrics.IndexRange;
import java.util.List;
import java.util.Objects;

/**
 * One NAB data file as a detector runs on it: its timestamps and values, and (for the scorer only)
 * its label windows as row ranges. A detector is given {@link #values()} and nothing else.
 */
public record NabSeries(String name, List<String> timestamps, double[] values, List<IndexRange> windows) {

    public NabSeries {
        Objects.requireNonNull(name, "name");
        timestamps = List.copyOf(timestamps);
        windows = List.copyOf(windows);
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.size() + " timestamps for " + values.length + " values");
        }
    }

    /** The scorer's view of a detector's scores for this file. */
    public NabFile scored(double[] anomalyScores) {
        return new NabFile(name, anomalyScores, windows);
    }
}
