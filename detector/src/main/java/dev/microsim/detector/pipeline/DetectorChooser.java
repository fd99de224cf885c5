package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.EwmaDetector;
import dev.microsim.detector.telemetry.MetricSeries;

/** Picks the detector for a series from what the series looks like (never from labels). */
@FunctionalInterface
public interface DetectorChooser {

    SeriesPlan plan(MetricSeries series);

    /** The stream that scores the series for this plan; a chooser that re-tunes on the fly wraps it. */
    default dev.microsim.detector.detect.PointStream stream(SeriesPlan plan) {
        return plan.detector().stream();
    }

    /** The same EWMA detector for every series: the untuned baseline. */
    static DetectorChooser fixed(dev.microsim.detector.detect.Detector detector) {
        return series -> new SeriesPlan(dev.microsim.detector.classify.SeriesClass.unclassified(), detector,
                "the same detector for every series");
    }

    static DetectorChooser ewmaDefaults() {
        return fixed(EwmaDetector.defaults());
    }
}
