package dev.microsim.detector.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EwmaDetectorTest {

    @Test
    void scoresAreTheZScoreAgainstTheMeanBeforeThePointOverTheThreshold() {
        Detector ewma = EwmaDetector.KIND.create(Map.of("alpha", 0.5, "threshold", 2.0, "warmup", 2.0, "sdFloor", 0.0, "clip", 1000.0));
        PointStream s = ewma.stream();
        assertThat(s.next(10)).isZero();   // warming up
        assertThat(s.next(12)).isZero();   // mean 11, var 0.5*(0+2*1)=1
        double score = s.next(14);         // |14 - 11| / 1 / 2
        assertThat(score).isEqualTo(1.5);
        assertThat(s.explain().reason()).isEqualTo("value 14 is 3 sd above the EWMA mean 11 (alarm at 2 sd; score 1.5)");
    }

    @Test
    void aFlatSeriesDoesNotAlarmUntilItMoves() {
        double[] flat = new double[200];
        java.util.Arrays.fill(flat, 5.0);
        flat[150] = 6.0;
        double[] scores = EwmaDetector.defaults().scoreBatch("flat", flat);
        assertThat(Synthetic.firstAlarm(scores, 0)).isEqualTo(150);
    }

    /**
     * An in-flight gauge: 2 +- 1 for 300 points, then still at 2 for 400 (a quiet spell), then its
     * ordinary wobble again from point 700; a burst of 12 at 900 is the anomaly.
     */
    static double[] gaugeThatSatStill() {
        java.util.Random r = new java.util.Random(5);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i >= 300 && i < 700 ? 2 : 2 + r.nextInt(3) - 1;
            if (i >= 900 && i < 905) v[i] = 12;
        }
        return v;
    }

    @Test
    void withSdMemoryAQuietSpellDoesNotMakeTheNextWobbleAnAlarmButABurstStillIs() {
        Map<String, Double> p = Map.of("warmup", 60.0, "threshold", 4.0);
        double[] plain = EwmaDetector.KIND.create(p).scoreBatch("gauge", gaugeThatSatStill());
        assertThat(Synthetic.firstAlarm(plain, 0)).as("without memory the sd decays to its floor and the wobble alarms").isBetween(700, 705);

        Map<String, Double> remembering = new java.util.HashMap<>(p);
        remembering.put("sdMemory", 0.5);
        double[] scores = EwmaDetector.KIND.create(remembering).scoreBatch("gauge", gaugeThatSatStill());
        assertThat(Synthetic.firstAlarm(scores, 0)).as("the burst, and nothing before it").isEqualTo(900);
    }

    /**
     * A latency of about 1.3 ms whose warm-up holds a mesh still warming up (a few answers of 50 to
     * 120 ms) and the first 6 seconds of a 40 ms delay; the delay goes on for 20 points after it.
     */
    static double[] latencyWithAFaultInTheWarmup(boolean fault) {
        java.util.Random r = new java.util.Random(11);
        double[] v = new double[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1.3 + 0.1 * r.nextGaussian() + (i < 25 && i % 6 == 3 ? 50 + 70 * r.nextDouble() : 0)
                    + (fault && i >= 54 && i < 80 ? 40 : 0);
        }
        return v;
    }

    @Test
    void aWarmupsOutliersDoNotSetTheSdSoAFaultThatBeganInItIsFoundAfterIt() {
        Detector ewma = EwmaDetector.KIND.create(Map.of("warmup", 60.0, "threshold", 8.0));
        double[] scores = ewma.scoreBatch("catalogue-db/GET /query/latency_p50_ms", latencyWithAFaultInTheWarmup(true));
        for (int i = 60; i < 80; i++) {
            assertThat(scores[i]).as("point %d of the delay", i).isGreaterThanOrEqualTo(1);
        }
        assertThat(Synthetic.firstAlarm(scores, 80)).isEqualTo(-1);

        double[] clean = ewma.scoreBatch("catalogue-db/GET /query/latency_p50_ms", latencyWithAFaultInTheWarmup(false));
        assertThat(Synthetic.firstAlarm(clean, 0)).isEqualTo(-1);
    }

    @Test
    void parametersAreValidatedWithNameValueAndRangeAllAtOnce() {
        assertThatThrownBy(() -> EwmaDetector.KIND.create(Map.of("alpha", 1.5, "warmup", 2.5, "treshold", 3.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ewma: unknown parameter \"treshold\" (known: alpha, threshold, warmup, sdFloor, clip, sdMemory)")
                .hasMessageContaining("ewma: alpha = 1.5 is outside the allowed range (0, 1]")
                .hasMessageContaining("ewma: warmup = 2.5 must be a whole number in [2, 100000]");
        assertThatThrownBy(() -> EwmaDetector.KIND.create(Map.of("alpha", 0.0)))
                .hasMessage("ewma: alpha = 0 is outside the allowed range (0, 1]");
    }

    @Test
    void anEmptyOrCorruptSeriesIsRefusedByName() {
        Detector ewma = EwmaDetector.defaults();
        assertThatThrownBy(() -> ewma.scoreBatch("cart//cpu_ms", new double[0]))
                .hasMessage("series \"cart//cpu_ms\" is empty: a detector needs at least one point");
        assertThatThrownBy(() -> ewma.scoreBatch("cart//cpu_ms", new double[] {1, 2, Double.NaN}))
                .hasMessage("series \"cart//cpu_ms\" point 2 is NaN: every value must be a finite number");
    }

    @Test
    void descriptionNamesTheParameters() {
        assertThat(EwmaDetector.defaults().description()).isEqualTo("EWMA z-score (alpha 0.05, alarm at 4 sd, 20 warm-up points)");
    }
}
