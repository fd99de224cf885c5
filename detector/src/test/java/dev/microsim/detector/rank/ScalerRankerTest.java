package dev.microsim.detector.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NSigma and BARO as RCAEval computes them, on numbers worked out by hand. */
class ScalerRankerTest {

    private static Signal column(String service, double... values) {
        return new Signal(service, "", service + "_latency", "latency", Signal.Source.METRIC, Signal.Kind.SYMPTOM, Signal.Direction.UP,
                0, 0.05, values);
    }

    /** Normal period: bins 0..4; anomalous: bins 5..6. */
    private static Observations observations() {
        return new Observations("t", new TimeGrid(0, 1000, 7), List.of(
                column("a", 1, 2, 3, 4, 5, 10, 9),       // median 3, IQR 2 -> BARO 3.5; mean 3, std sqrt 2 -> NSigma 4.95
                column("b", 10, 10, 10, 10, 20, 30, 25), // median 10, IQR 0 -> scale 1 -> BARO 20; NSigma (30 - 12) / 4 = 4.5
                column("c", 5, 5, 5, 5, 5, 50, 60)),     // constant in the normal period: dropped, as RCAEval's preprocess does
                Optional.empty(), List.of());
    }

    private static final IncidentWindow WINDOW = new IncidentWindow(0, 5, 6);

    @Test
    void baroScalesByMedianAndInterquartileRange() {
        Ranking ranking = new BaroRanker().rank(observations(), WINDOW);
        assertThat(ranking.services()).containsExactly("b", "a", "c");
        assertThat(ranking.candidates().get(0).score()).isEqualTo(20);
        assertThat(ranking.candidates().get(1).score()).isEqualTo(3.5);
        assertThat(ranking.candidates().get(2).score()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void nsigmaScalesByMeanAndStandardDeviation() {
        Ranking ranking = new NSigmaRanker().rank(observations(), WINDOW);
        assertThat(ranking.services()).containsExactly("a", "b", "c");
        assertThat(ranking.candidates().get(0).score()).isCloseTo(7 / Math.sqrt(2), within(1e-9));
        assertThat(ranking.candidates().get(1).score()).isCloseTo(4.5, within(1e-9));
    }
}
