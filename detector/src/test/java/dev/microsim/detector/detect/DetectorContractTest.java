package dev.microsim.detector.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every univariate detector must do, at the parameters the perceptron would give it for the
 * series (the seasonal period where it has one): find a planted spike, level shift and trend change
 * soon after onset, stay quiet on the clean seasonal series, and score the same streaming and in
 * batch (no look-ahead: a prefix scores the same as the whole series up to that point).
 */
class DetectorContractTest {

    static List<Detector> detectors() {
        return TestDetectors.forSeasonalSeries(Synthetic.PERIOD);
    }

    /** Spectral residual finds sudden changes by design; a ramp has no salient point (docs/detectors.md). */
    static List<Detector> rampDetectors() {
        return detectors().stream().filter(d -> !(d instanceof SpectralResidualDetector)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void staysQuietOnCleanSeasonalDataWithNoise(Detector detector) {
        for (long seed = 1; seed <= 3; seed++) {
            double[] scores = detector.scoreBatch("clean", Synthetic.seasonal(seed));
            assertThat(Synthetic.firstAlarm(scores, 0)).as(detector.description() + " seed " + seed).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void findsAPlantedSpike(Detector detector) {
        assertFinds(detector, Synthetic::spike, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void findsAPlantedLevelShift(Detector detector) {
        assertFinds(detector, Synthetic::levelShift, 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rampDetectors")
    void findsAPlantedTrendChange(Detector detector) {
        assertFinds(detector, Synthetic::trendChange, 60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void streamingAndBatchAgreeAndAPrefixScoresTheSame(Detector detector) {
        double[] values = Synthetic.levelShift(7);
        double[] batch = detector.scoreBatch("x", values);
        PointStream stream = detector.stream();
        for (int i = 0; i < values.length; i++) {
            assertThat(stream.next(values[i])).as("point " + i).isEqualTo(batch[i]);
        }
        double[] prefix = detector.scoreBatch("x", java.util.Arrays.copyOf(values, Synthetic.ONSET + 5));
        assertThat(prefix).containsExactly(java.util.Arrays.copyOf(batch, Synthetic.ONSET + 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void explainsAnAlarmInWords(Detector detector) {
        double[] values = Synthetic.spike(3);
        PointStream stream = detector.stream();
        for (int i = 0; i <= Synthetic.ONSET; i++) {
            stream.next(values[i]);
        }
        Explanation why = stream.explain();
        assertThat(why.value()).isEqualTo(values[Synthetic.ONSET]);
        assertThat(why.reason()).isNotBlank().doesNotContain("warming up");
        assertThat(detector.description()).isNotBlank();
    }

    private static void assertFinds(Detector detector, LongFunction<double[]> planted, int within) {
        for (long seed = 1; seed <= 3; seed++) {
            double[] scores = detector.scoreBatch("planted", planted.apply(seed));
            assertThat(Synthetic.firstAlarm(scores, 0)).as(detector.description() + " seed " + seed + ": first alarm")
                    .isBetween(Synthetic.ONSET, Synthetic.ONSET + within);
        }
    }
}
