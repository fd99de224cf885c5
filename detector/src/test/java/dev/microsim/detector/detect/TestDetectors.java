package dev.microsim.detector.detect;

import java.util.List;

/** Every univariate detector, configured as the perceptron would for a series with this period. */
final class TestDetectors {

    private TestDetectors() {
    }

    static List<Detector> forSeasonalSeries(int period) {
        return List.of(
                EwmaDetector.defaults(),
                HoltWintersDetector.KIND.create(java.util.Map.of("period", (double) period)),
                SpectralResidualDetector.KIND.withDefaults(),
                StlMadDetector.KIND.create(java.util.Map.of("period", (double) period)),
                WaveletDetector.KIND.withDefaults(),
                ArimaDetector.KIND.create(java.util.Map.of("period", (double) period, "window", 4.0 * period)),
                ContextOseDetector.KIND.withDefaults());
    }
}
