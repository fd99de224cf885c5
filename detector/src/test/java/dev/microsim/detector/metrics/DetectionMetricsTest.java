package dev.microsim.detector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases. The main one: 10 points one minute apart, events on points 2..4 and 7..8,
 * alarms on points 3, 5 and 8.
 */
class DetectionMetricsTest {

    private static final long MINUTE = 60_000;

    private static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L + i * MINUTE;
        }
        return t;
    }

    private static double[] alarmsAt(int n, int... points) {
        double[] scores = new double[n];
        for (int p : points) {
            scores[p] = 1;
        }
        return scores;
    }

    private static final LabelledSeries MAIN = new LabelledSeries("s", minutes(10),
            List.of(new IndexRange(2, 4), new IndexRange(7, 8)));

    private static SeriesScore scoreMain() {
        return new SeriesScorer().score(MAIN, alarmsAt(10, 3, 5, 8), OptionalDouble.empty());
    }

    @Test
    void pointwiseCountsEveryPoint() {
        SeriesScore score = scoreMain();
        // tp {3, 8}, fp {5}, fn {2, 4, 7}, tn the other 4
        assertThat(score.pointwise()).isEqualTo(new Confusion(2, 1, 3, 4));
        assertThat(score.pointwise().precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(score.pointwise().recall()).isCloseTo(2.0 / 5, within(1e-12));
        assertThat(score.pointwise().f1()).isCloseTo(0.5, within(1e-12));
        assertThat(score.thresholdSource()).isEqualTo(ThresholdSource.BINARY);
    }

    @Test
    void pointAdjustmentCreditsWholeDetectedEvents() {
        // both events hit: tp = 3 + 2, fp = 1, fn = 0 -> F1 = 10 / 11
        assertThat(scoreMain().pointAdjusted()).isEqualTo(new Confusion(5, 1, 0, 4));
        assertThat(scoreMain().pointAdjusted().f1()).isCloseTo(10.0 / 11, within(1e-12));
    }

    @Test
    void paKAdjustsOnlyEventsWithMoreThanKPercentAlarmed() {
        PaKCurve curve = scoreMain().paK();
        // K = 40: event 1 has 1/3 alarmed (kept at 1), event 2 has 1/2 (adjusted to 2): tp 3, fn 2
        assertThat(curve.points().get(4).kPercent()).isEqualTo(40);
        assertThat(curve.points().get(4).f1()).isCloseTo(6.0 / 9, within(1e-12));
        // K = 50: 1/2 is not more than 50%: back to point-wise
        assertThat(curve.points().get(5).f1()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.points().get(10).f1()).isCloseTo(0.5, within(1e-12));
        // K 0..30 at 10/11, K 40 at 2/3, K 50..100 at 1/2; trapezoids of width 0.1
        double area = 0.1 * (3 * 10.0 / 11 + (10.0 / 11 + 6.0 / 9) / 2 + (6.0 / 9 + 0.5) / 2 + 5 * 0.5);
        assertThat(curve.area()).isCloseTo(area, within(1e-12));
    }

    @Test
    void eventWiseCountsAlarmRunsAndEvents() {
        EventCounts events = scoreMain().eventCounts();
        assertThat(events).isEqualTo(new EventCounts(2, 2, 3, 2));
        assertThat(events.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(events.recall()).isEqualTo(1.0);
        assertThat(events.f1()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void oneLongAlarmRunIsOneFalseAlarm() {
        EventCounts events = EventCounts.of(new boolean[] {true, true, true, false, false}, List.of(new IndexRange(4, 4)));
        assertThat(events.falseAlarms()).isEqualTo(1);
        assertThat(events.recall()).isZero();
        assertThat(events.f1()).isZero();
    }

    @Test
    void falseAlarmsPerHourDividesByMonitoredTime() {
        // one false alarm run (point 5) over 10 minutes
        assertThat(scoreMain().monitored()).isEqualTo(Duration.ofMinutes(10));
        assertThat(scoreMain().falseAlarmsPerHour()).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void delaysMeasureFromEventStartToFirstAlarmAndCountMisses() {
        LabelledSeries series = new LabelledSeries("s", minutes(30), List.of(
                new IndexRange(0, 3), new IndexRange(5, 9), new IndexRange(12, 20), new IndexRange(25, 27)));
        boolean[] predicted = new boolean[30];
        predicted[0] = true;  // delay 0
        predicted[6] = true;  // delay 1 min
        predicted[17] = true; // delay 5 min; event 25..27 missed
        DetectionDelays delays = DetectionDelays.of(series, predicted);
        assertThat(delays.missedEvents()).isEqualTo(1);
        assertThat(delays.mean()).isEqualTo(Duration.ofMinutes(2));
        assertThat(delays.median()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void medianOfAnEvenNumberOfDelaysAveragesTheMiddleTwo() {
        DetectionDelays delays = new DetectionDelays(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(100)), 0);
        assertThat(delays.median()).isEqualTo(Duration.ofSeconds(30));
        assertThat(delays.mean()).isEqualTo(Duration.ofSeconds(42).plusMillis(500));
    }

    @Test
    void noDetectionMeansNoDelay() {
        DetectionDelays delays = DetectionDelays.of(MAIN, new boolean[10]);
        assertThat(delays.mean()).isNull();
        assertThat(delays.median()).isNull();
        assertThat(delays.missedEvents()).isEqualTo(2);
    }

    @Test
    void bestF1AndPrAucSweepEveryDistinctThreshold() {
        ThresholdCurve curve = ThresholdCurve.of(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {true, false, true, false});
        // thresholds 0.9: P 1 R 1/2; 0.8: P 1/2 R 1/2; 0.7: P 2/3 R 1; 0.6: P 1/2 R 1
        assertThat(curve.prAuc()).isCloseTo(0.5 * 1 + 0.5 * 2.0 / 3, within(1e-12));
        assertThat(curve.bestF1().f1()).isCloseTo(0.8, within(1e-12));
        assertThat(curve.bestF1().threshold()).isEqualTo(0.7);
    }

    @Test
    void tiedScoresFormOneThreshold() {
        ThresholdCurve curve = ThresholdCurve.of(new double[] {0.5, 0.5, 0.1}, new boolean[] {true, false, false});
        assertThat(curve.prAuc()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.bestF1().f1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void withoutThresholdOrBinaryScoresTheBestF1ThresholdIsUsedAndSaidSo() {
        LabelledSeries series = new LabelledSeries("s", minutes(4), List.of(new IndexRange(0, 0), new IndexRange(2, 2)));
        SeriesScore score = new SeriesScorer().score(series, new double[] {0.9, 0.8, 0.7, 0.6}, OptionalDouble.empty());
        assertThat(score.thresholdSource()).isEqualTo(ThresholdSource.BEST_F1);
        assertThat(score.threshold()).isEqualTo(0.7);
        assertThat(score.pointwise()).isEqualTo(new Confusion(2, 1, 0, 1));

        SeriesScore given = new SeriesScorer().score(series, new double[] {0.9, 0.8, 0.7, 0.6}, OptionalDouble.of(0.85));
        assertThat(given.thresholdSource()).isEqualTo(ThresholdSource.GIVEN);
        assertThat(given.pointwise()).isEqualTo(new Confusion(1, 0, 1, 2));
    }

    @Test
    void seriesWithoutAnomaliesHasOnlyFalseAlarmsAndUndefinedRecall() {
        LabelledSeries quiet = new LabelledSeries("quiet", minutes(6), List.of());
        SeriesScore score = new SeriesScorer().score(quiet, alarmsAt(6, 1), OptionalDouble.empty());
        assertThat(score.pointwise().precision()).isZero();
        assertThat(score.pointwise().recall()).isNaN();
        assertThat(score.pointwise().f1()).isZero();
        assertThat(score.pointAdjusted()).isEqualTo(score.pointwise());
        assertThat(score.eventCounts().precision()).isZero();
        assertThat(score.eventCounts().recall()).isNaN();
        assertThat(score.eventCounts().f1()).isZero();
        assertThat(score.bestF1().f1()).isNaN();
        assertThat(score.prAuc()).isNaN();
        assertThat(score.falseAlarmsPerHour()).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void seriesWithoutAnomaliesOrAlarmsHasUndefinedF1() {
        LabelledSeries quiet = new LabelledSeries("quiet", minutes(6), List.of());
        SeriesScore score = new SeriesScorer().score(quiet, new double[6], OptionalDouble.empty());
        assertThat(score.pointwise().f1()).isNaN();
        assertThat(score.eventCounts().f1()).isNaN();
        assertThat(score.falseAlarmsPerHour()).isZero();
    }

    @Test
    void allAnomalousSeriesAllAlarmedIsPerfect() {
        LabelledSeries all = new LabelledSeries("all", minutes(5), List.of(new IndexRange(0, 4)));
        SeriesScore score = new SeriesScorer().score(all, alarmsAt(5, 0, 1, 2, 3, 4), OptionalDouble.empty());
        assertThat(score.pointwise().f1()).isEqualTo(1.0);
        assertThat(score.eventCounts().f1()).isEqualTo(1.0);
        assertThat(score.prAuc()).isEqualTo(1.0);
        assertThat(score.delays().median()).isEqualTo(Duration.ZERO);
        assertThat(score.falseAlarmsPerHour()).isZero();
    }

    @Test
    void allAnomalousSeriesWithOneAlarmIsFullyCreditedOnlyByPointAdjustment() {
        LabelledSeries all = new LabelledSeries("all", minutes(5), List.of(new IndexRange(0, 4)));
        SeriesScore score = new SeriesScorer().score(all, alarmsAt(5, 4), OptionalDouble.empty());
        assertThat(score.pointwise().f1()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(score.pointAdjusted().f1()).isEqualTo(1.0);
        assertThat(score.delays().mean()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void overlappingAndTouchingWindowsMergeIntoOneEvent() {
        List<IndexRange> merged = IndexRange.merge(List.of(new IndexRange(4, 8), new IndexRange(2, 5),
                new IndexRange(9, 10), new IndexRange(14, 15)));
        assertThat(merged).containsExactly(new IndexRange(2, 10), new IndexRange(14, 15));
    }

    @Test
    void alarmRunSpanningTwoEventsCountsOnceAsTrue() {
        boolean[] predicted = {false, true, true, true, true, false};
        EventCounts events = EventCounts.of(predicted, List.of(new IndexRange(1, 1), new IndexRange(4, 4)));
        assertThat(events).isEqualTo(new EventCounts(2, 2, 1, 1));
    }
}
