package dev.microsim.detector.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeTrackingCadTest {

    /** A repeating pattern of 24 steps with a little noise, between 0 and 10. */
    private static double[] pattern(int n, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 5 + 4 * Math.sin(2 * Math.PI * i / 24) + 0.2 * random.nextGaussian();
        }
        return x;
    }

    @Test
    void aValueInsideTheRangeKeepsTheDetectorAndALearntPatternScoresLow() {
        RangeTrackingCad cad = new RangeTrackingCad(0, 10, 0.1, 500);
        double[] x = pattern(2000, 1);
        double late = 0;
        for (int i = 0; i < x.length; i++) {
            double s = cad.next(x[i]);
            if (i >= 1500) {
                late = Math.max(late, s);
            }
        }
        assertThat(cad.rebuilds()).isZero();
        assertThat(cad.low()).isEqualTo(-1.0);
        assertThat(cad.high()).isEqualTo(11.0);
        assertThat(late).as("highest score once the pattern is learnt").isLessThan(0.75);
    }

    @Test
    void aNewExtremeGrowsTheRangeAndScoresHigh() {
        RangeTrackingCad cad = new RangeTrackingCad(0, 10, 0.1, 500);
        double[] x = pattern(2000, 2);
        for (double v : x) {
            cad.next(v);
        }
        double spike = cad.next(40);

        assertThat(cad.rebuilds()).isEqualTo(1);
        assertThat(cad.high()).isEqualTo(40 + 0.1 * 40);
        assertThat(spike).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> new RangeTrackingCad(0, 1, -0.5, 10)).hasMessageContaining("margin = -0.5");
        assertThatThrownBy(() -> new RangeTrackingCad(0, 1, 0.1, 0)).hasMessageContaining("replay = 0");
        assertThatThrownBy(() -> ContextualAnomalyDetector.forRange(2, 1)).hasMessageContaining("[2.0, 1.0]");
    }
}
