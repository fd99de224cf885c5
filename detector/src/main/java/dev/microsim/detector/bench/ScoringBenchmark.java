package dev.microsim.detector.bench;

import dev.microsim.detector.metrics.IndexRange;
import dev.microsim.detector.metrics.LabelledSeries;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.metrics.SeriesScorer;
import dev.microsim.detector.metrics.ThresholdCurve;
import dev.microsim.detector.nab.NabFile;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabSweeper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Times scoring one series (every detection metric + the NAB threshold sweep for the three
 * profiles) over many synthetic series, and, side by side in the same run, the naive
 * re-threshold-everything way of getting best F1 and PR-AUC against our one-sort curve.
 *
 * <pre>java -cp ... dev.microsim.detector.bench.ScoringBenchmark [series=1000] [points=10000] [naiveSeries=100]</pre>
 */
public final class ScoringBenchmark {

    private ScoringBenchmark() {
    }

    public static void main(String[] args) {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int naiveCount = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Random random = new Random(42);
        SeriesScorer scorer = new SeriesScorer();
        List<NabSweeper> sweepers = NabProfile.official().stream().map(NabSweeper::new).toList();

        // warm-up so the JIT has compiled the hot loops before we measure
        for (int i = 0; i < 50; i++) {
            scoreOne(scorer, sweepers, synthetic(random, points));
        }
        long[] nanos = new long[seriesCount];
        double checksum = 0;
        for (int i = 0; i < seriesCount; i++) {
            Synthetic s = synthetic(random, points);
            long start = System.nanoTime();
            checksum += scoreOne(scorer, sweepers, s);
            nanos[i] = System.nanoTime() - start;
        }
        report("full scoring per series", nanos);

        long[] fast = new long[naiveCount];
        long[] naive = new long[naiveCount];
        for (int i = 0; i < naiveCount; i++) {
            Synthetic s = synthetic(random, points);
            boolean[] actual = s.series().anomalous();
            long t0 = System.nanoTime();
            ThresholdCurve curve = ThresholdCurve.of(s.scores(), actual);
            double ours = curve.bestF1().f1() + curve.prAuc();
            long t1 = System.nanoTime();
            double[] baseline = NaiveScorer.bestF1AndPrAuc(s.scores(), actual);
            long t2 = System.nanoTime();
            if (Math.abs(ours - baseline[0] - baseline[1]) > 1e-9) {
                throw new IllegalStateException("naive and fast scorers disagree: " + ours + " vs " + (baseline[0] + baseline[1]));
            }
            fast[i] = t1 - t0;
            naive[i] = t2 - t1;
        }
        report("best F1 + PR-AUC, one sort", fast);
        report("best F1 + PR-AUC, naive   ", naive);
        System.out.printf("naive / one-sort ratio: P50 %.1fx, P99 %.1fx%n",
                (double) percentile(naive, 50) / percentile(fast, 50), (double) percentile(naive, 99) / percentile(fast, 99));
        System.out.printf("(checksum %.3f)%n", checksum);
    }

    private static double scoreOne(SeriesScorer scorer, List<NabSweeper> sweepers, Synthetic s) {
        SeriesScore score = scorer.score(s.series(), s.scores(), OptionalDouble.empty());
        double sum = score.pointwise().f1() + score.paK().area() + score.prAuc();
        NabFile file = new NabFile(s.series().name(), s.scores(), s.series().events());
        for (NabSweeper sweeper : sweepers) {
            sum += sweeper.scoresByThreshold(List.of(file)).size();
        }
        return sum;
    }

    record Synthetic(LabelledSeries series, double[] scores) {
    }

    /** 10 s spacing, 5 events of 20-200 points, scores in 1,000 levels, higher inside events. */
    static Synthetic synthetic(Random random, int points) {
        long[] times = new long[points];
        for (int i = 0; i < points; i++) {
            times[i] = 1_700_000_000_000L + i * 10_000L;
        }
        List<IndexRange> events = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            int length = 20 + random.nextInt(180);
            int first = e * (points / 5) + random.nextInt(points / 5 - length);
            events.add(new IndexRange(first, first + length - 1));
        }
        LabelledSeries series = new LabelledSeries("s", times, events);
        boolean[] actual = series.anomalous();
        double[] scores = new double[points];
        for (int i = 0; i < points; i++) {
            double raw = random.nextDouble() * 0.7 + (actual[i] ? 0.3 * random.nextDouble() : 0);
            scores[i] = Math.floor(raw * 1000) / 1000;
        }
        return new Synthetic(series, scores);
    }

    private static void report(String name, long[] nanos) {
        System.out.printf("%s: n=%d P50 %.2f ms, P99 %.2f ms, max %.2f ms%n", name, nanos.length,
                percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, Arrays.stream(nanos).max().orElse(0) / 1e6);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
