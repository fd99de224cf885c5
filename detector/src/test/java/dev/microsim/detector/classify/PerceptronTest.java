package dev.microsim.detector.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerceptronTest {

    private final Perceptron perceptron = new Perceptron();

    static double[] periodic(long seed, int n, int period, double noise) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 50 + 10 * Math.sin(2 * Math.PI * i / period) + 4 * Math.sin(4 * Math.PI * i / period) + noise * r.nextGaussian();
        }
        return x;
    }

    static double[] stationary(long seed, int n) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++) {
            v = 0.5 * v + r.nextGaussian(); // AR(1), phi 0.5: returns to its mean
            x[i] = 20 + v;
        }
        return x;
    }

    static double[] randomWalk(long seed, int n) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double v = 100;
        for (int i = 0; i < n; i++) {
            v += r.nextGaussian();
            x[i] = v;
        }
        return x;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void periodicSeriesArePeriodicWithTheirPeriod(long seed) {
        for (int period : new int[] {12, 24, 60, 144}) {
            SeriesClass c = perceptron.classify(periodic(seed, 12 * period, period, 2));
            assertThat(c.kind()).as("period " + period + ": " + c.features().summary()).isEqualTo(SeriesKind.PERIODIC);
            assertThat(c.period()).as(c.features().summary()).isBetween(period - 1, period + 1);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void stationaryNoiseIsStationary(long seed) {
        SeriesClass c = perceptron.classify(stationary(seed, 1000));
        assertThat(c.kind()).as(c.features().summary()).isEqualTo(SeriesKind.STATIONARY);
        SeriesClass white = perceptron.classify(new Random(seed).doubles(1000).map(v -> 3 + v).toArray());
        assertThat(white.kind()).as(white.features().summary()).isEqualTo(SeriesKind.STATIONARY);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aRandomWalkIsARandomWalk(long seed) {
        SeriesClass c = perceptron.classify(randomWalk(seed, 1000));
        assertThat(c.kind()).as(c.features().summary()).isEqualTo(SeriesKind.RANDOM_WALK);
    }

    @Test
    void aFlatSeriesIsConstant() {
        double[] x = new double[300];
        java.util.Arrays.fill(x, 7);
        assertThat(perceptron.classify(x).kind()).isEqualTo(SeriesKind.CONSTANT);
        assertThat(perceptron.classify(x).label()).isEqualTo("constant");
    }

    @Test
    void theLabelNamesThePeriod() {
        assertThat(perceptron.classify(periodic(1, 720, 60, 1)).label()).isEqualTo("periodic(60)");
    }
}
