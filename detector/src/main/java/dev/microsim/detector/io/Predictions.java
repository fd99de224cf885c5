package dev.microsim.detector.io;

import java.util.Map;

/**
 * A detector's output aligned with the dataset: one score per point for every series the detector
 * reported on. Points it did not mention are {@code -Infinity}: never an alarm at any threshold.
 */
public record Predictions(Map<String, double[]> scoresBySeries) {

    public Predictions {
        scoresBySeries = Map.copyOf(scoresBySeries);
    }
}
