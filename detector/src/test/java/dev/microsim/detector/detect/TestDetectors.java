package dev.microsim.detector.detect;

import java.util.List;

/** Every univariate detector, configured as the perceptron would for a series with this period. */
final class TestDetectors {

    private TestDetectors() {
    }

    static List<Detector> forSeasonalSeries(int period) {
        return List.of(
                EwmaDetector.defaults());
    }
}
