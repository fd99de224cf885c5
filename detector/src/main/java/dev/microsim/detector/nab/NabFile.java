package dev.microsim.detector.nab;

import dev.microsim.detector.metrics.IndexRange;
import java.util.List;
import java.util.Objects;

/**
 * One scored data file: a detector's anomaly score per row and the labelled anomaly windows as row
 * index ranges. NAB scores by row position, not by elapsed time.
 */
public record NabFile(String name, double[] anomalyScores, List<IndexRange> windows) {

    public NabFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(anomalyScores, "anomalyScores");
        windows = List.copyOf(windows);
        for (int i = 0; i < windows.size(); i++) {
            IndexRange window = windows.get(i);
            if (window.last() >= anomalyScores.length) {
                throw new IllegalArgumentException(name + ": window " + window + " ends past the last row "
                        + (anomalyScores.length - 1));
            }
            if (i > 0 && window.first() <= windows.get(i - 1).last()) {
                throw new IllegalArgumentException(name + ": windows must be sorted and disjoint, "
                        + windows.get(i - 1) + " then " + window);
            }
        }
        for (int i = 0; i < anomalyScores.length; i++) {
            if (Double.isNaN(anomalyScores[i])) {
                throw new IllegalArgumentException(name + ": anomaly score at row " + i + " is NaN");
            }
        }
    }

    public int size() {
        return anomalyScores.length;
    }
}
