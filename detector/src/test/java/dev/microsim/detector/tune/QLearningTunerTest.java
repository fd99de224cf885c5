package dev.microsim.detector.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.DetectorKind;
import dev.microsim.detector.detect.EwmaDetector;
import dev.microsim.detector.detect.Params;
import dev.microsim.detector.metrics.EventCounts;
import dev.microsim.detector.metrics.IndexRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QLearningTunerTest {

    @Test
    void theDynamicRewardIsTheIssuesFormula() {
        // R = (F_t / F_T) (F_t - F_max)
        assertThat(Reward.DYNAMIC.of(0.6, 0.5, 0.5, 0.8)).isCloseTo(0.6 / 0.8 * 0.1, within(1e-12));
        assertThat(Reward.DYNAMIC.of(0.4, 0.5, 0.7, 0.8)).isCloseTo(0.4 / 0.8 * -0.3, within(1e-12));
        assertThat(Reward.STATIC.of(0.6, 0.5, 0.7, 0.8)).isEqualTo(1.0);
        assertThat(Reward.STATIC.of(0.4, 0.5, 0.7, 0.8)).isEqualTo(-1.0);
        assertThat(Reward.STATIC.of(0.5, 0.5, 0.7, 0.8)).isEqualTo(0.0);
    }

    /** Noise with spikes of 6 sd, and a start at 1.5 sd, where noise alarms all the time: the tuner must raise the threshold. */
    @Test
    void tuningAnEwmaOnLabelledTrainingDataRaisesItsFToTheTarget() {
        Random random = new Random(5);
        double[] values = new double[6000];
        List<IndexRange> events = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = 50 + random.nextGaussian();
        }
        for (int at = 300; at < values.length; at += 400) {
            values[at] += 6;
            values[at + 1] += 6;
            events.add(new IndexRange(at, at + 1));
        }
        DetectorKind<Detector> kind = EwmaDetector.KIND;
        Params start = kind.create(Map.of("threshold", 1.5)).params();
        QLearningTuner tuner = new QLearningTuner(Action.upAndDown(start, List.of("threshold", "alpha")), Reward.DYNAMIC, 0.8, 10, 30, 1);

        TuningResult result = tuner.tune(start, p -> {
            double[] scores = kind.factory().apply(p).scoreBatch("train", values);
            boolean[] alarms = new boolean[scores.length];
            for (int i = 0; i < scores.length; i++) {
                alarms[i] = scores[i] >= 1;
            }
            double f = EventCounts.of(alarms, events).f1();
            return Double.isNaN(f) ? 0 : f;
        });

        assertThat(result.startF()).isLessThan(0.3);
        assertThat(result.bestF()).isGreaterThanOrEqualTo(0.8);
        assertThat(result.best().get("threshold")).isGreaterThan(2.5);
        assertThat(result.episodesReachingTarget()).isPositive();
    }

    @Test
    void actionsStayInsideTheParametersRanges() {
        Params p = EwmaDetector.KIND.create(Map.of("alpha", 0.9)).params();
        Action up = new Action("alpha", 1.25, 0);
        assertThat(up.apply(p).get("alpha")).isEqualTo(1.0);
        assertThatThrownBy(() -> Action.upAndDown(p, List.of("nope"))).hasMessageContaining("ewma: no parameter \"nope\" to tune");
    }
}
