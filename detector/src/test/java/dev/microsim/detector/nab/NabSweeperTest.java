package dev.microsim.detector.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.detector.metrics.IndexRange;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Small cases computed by hand with S(x) = 2 sigmoid(-5x) - 1 = tanh(-2.5x). */
class NabSweeperTest {

    private static final NabSweeper NO_PROBATION = new NabSweeper(NabProfile.STANDARD, 0.0);
    private static final double MAX_TP = Math.tanh(2.5);

    /** 8 rows, one window on rows 2..4 (width 3). */
    private static NabFile withAlarmsAt(int... rows) {
        double[] scores = new double[8];
        for (int row : rows) {
            scores[row] = 1.0;
        }
        return new NabFile("f", scores, List.of(new IndexRange(2, 4)));
    }

    @Test
    void missedWindowCostsTheFalseNegativeWeight() {
        ThresholdScore score = NO_PROBATION.scoreAt(withAlarmsAt(), 0.5);
        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score.fn()).isEqualTo(3);
        assertThat(score.tn()).isEqualTo(5);
    }

    @Test
    void alarmOnFirstRowOfWindowEarnsTheFullTruePositiveWeight() {
        assertThat(NO_PROBATION.scoreAt(withAlarmsAt(2), 0.5).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void alarmOnLastRowOfWindowEarnsLess() {
        // position -(4 - 4 + 1) / 3 = -1/3
        double expected = Math.tanh(2.5 / 3) / MAX_TP;
        assertThat(NO_PROBATION.scoreAt(withAlarmsAt(4), 0.5).score()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void onlyTheEarliestAlarmOfAWindowCounts() {
        ThresholdScore score = NO_PROBATION.scoreAt(withAlarmsAt(2, 3, 4), 0.5);
        assertThat(score.score()).isCloseTo(1.0, within(1e-12));
        assertThat(score.tp()).isEqualTo(3);
    }

    @Test
    void falsePositiveBeforeAnyWindowCostsTheFullFalsePositiveWeight() {
        assertThat(NO_PROBATION.scoreAt(withAlarmsAt(0), 0.5).score()).isCloseTo(-1.0 - 0.11, within(1e-12));
    }

    @Test
    void falsePositiveAfterAWindowIsDiscountedByItsDistance() {
        // position |4 - 6| / (3 - 1) = 1, S(1) = tanh(-2.5)
        double expected = -1.0 + 0.11 * Math.tanh(-2.5);
        assertThat(NO_PROBATION.scoreAt(withAlarmsAt(6), 0.5).score()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void falsePositiveRightAfterAWindowCostsAlmostNothing() {
        // position |4 - 5| / 2 = 0.5, S(0.5) = tanh(-1.25)
        double expected = -1.0 + 0.11 * Math.tanh(-1.25);
        assertThat(NO_PROBATION.scoreAt(withAlarmsAt(5), 0.5).score()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void farFalsePositivesCostTheFullWeight() {
        double[] scores = new double[40];
        scores[30] = 1; // position (30 - 4) / 2 = 13 > 3
        NabFile file = new NabFile("f", scores, List.of(new IndexRange(2, 4)));
        assertThat(NO_PROBATION.scoreAt(file, 0.5).score()).isCloseTo(-1.0 - 0.11, within(1e-12));
    }

    @Test
    void noWindowsAndNoAlarmsScoresZero() {
        NabFile file = new NabFile("f", new double[10], List.of());
        ThresholdScore score = NO_PROBATION.scoreAt(file, 0.5);
        assertThat(score.score()).isZero();
        assertThat(score.tn()).isEqualTo(10);
    }

    @Test
    void probationaryRowsAreNotScored() {
        NabSweeper sweeper = new NabSweeper(NabProfile.STANDARD, 0.15);
        double[] scores = new double[100];
        scores[10] = 1; // inside floor(0.15 * 100) = 15 probationary rows: ignored
        NabFile file = new NabFile("f", scores, List.of(new IndexRange(50, 59)));
        ThresholdScore score = sweeper.scoreAt(file, 0.5);
        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score.total()).isEqualTo(85);
    }

    @Test
    void probationIsCappedAt750Rows() {
        NabSweeper sweeper = new NabSweeper(NabProfile.STANDARD);
        assertThat(sweeper.probationLength(100)).isEqualTo(15.0);
        assertThat(sweeper.probationLength(4999)).isEqualTo(749.0);
        assertThat(sweeper.probationLength(20_000)).isEqualTo(750.0);
    }

    @Test
    void profileWeightsScaleTheirParts() {
        NabSweeper lowFn = new NabSweeper(NabProfile.REWARD_LOW_FN_RATE, 0.0);
        assertThat(lowFn.scoreAt(withAlarmsAt(0), 0.5).score()).isCloseTo(-2.0 - 0.11, within(1e-12));
        NabSweeper lowFp = new NabSweeper(NabProfile.REWARD_LOW_FP_RATE, 0.0);
        assertThat(lowFp.scoreAt(withAlarmsAt(0), 0.5).score()).isCloseTo(-1.0 - 0.22, within(1e-12));
    }

    @Test
    void sweepOverThresholdsAgreesWithScoringEachThresholdDirectly() {
        Random random = new Random(7);
        double[] scores = new double[300];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.round(random.nextDouble() * 20) / 20.0; // many ties
        }
        NabFile file = new NabFile("f", scores, List.of(new IndexRange(60, 80), new IndexRange(200, 229)));
        NabSweeper sweeper = new NabSweeper(NabProfile.STANDARD);
        List<ThresholdScore> sweep = sweeper.scoresByThreshold(List.of(file));

        assertThat(sweep.get(0).threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(sweep.get(0).score()).isEqualTo(-2.0);
        for (ThresholdScore row : sweep) {
            ThresholdScore direct = sweeper.scoreAt(file, row.threshold());
            assertThat(row.score()).as("threshold " + row.threshold()).isCloseTo(direct.score(), within(1e-9));
            assertThat(row.tp()).isEqualTo(direct.tp());
            assertThat(row.fp()).isEqualTo(direct.fp());
        }
    }

    @Test
    void normalisationPutsNullAtZeroAndPerfectAtHundred() {
        double[] perfect = new double[100];
        perfect[50] = 1;
        NabFile file = new NabFile("f", perfect, List.of(new IndexRange(50, 59)));
        NabBenchmark benchmark = new NabBenchmark(new NabSweeper(NabProfile.STANDARD));
        NabCorpus corpus = NabCorpus.of("d", List.of(file));

        assertThat(benchmark.score(corpus, 0.5).normalizedScore()).isCloseTo(100.0, within(1e-9));
        assertThat(benchmark.score(corpus, 2.0).normalizedScore()).isCloseTo(0.0, within(1e-9));
        assertThat(benchmark.optimizeThreshold(corpus).threshold()).isEqualTo(1.0);
    }
}
