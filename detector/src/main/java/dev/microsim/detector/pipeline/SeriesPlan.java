package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.SeriesClass;
import dev.microsim.detector.detect.Detector;
import java.util.Objects;

/**
 * What the pipeline decided for one series before scoring it: the series' class (from the
 * perceptron), the detector and its parameters, and why, in words.
 */
public record SeriesPlan(SeriesClass seriesClass, Detector detector, String why) {

    public SeriesPlan {
        Objects.requireNonNull(seriesClass, "seriesClass");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(why, "why");
    }
}
