package dev.microsim.detector.nab;

import dev.microsim.detector.metrics.IndexRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.util.MathArrays;

/**
 * The NAB scoring rules for one profile, following numenta/NAB {@code nab/sweeper.py} (NAB 1.1):
 * <ul>
 *   <li>rows before the probationary length {@code min(floor(0.15 n), 0.15 * 5000)} are not scored;</li>
 *   <li>an alarm inside a window is worth {@code tpWeight * S(-(last - i + 1) / width) / S(-1)}, only the
 *       best (earliest) alarm of a window counts, a missed window costs {@code -fnWeight};</li>
 *   <li>an alarm outside windows costs {@code fpWeight * S(|prevLast - i| / (prevWidth - 1))} after a window,
 *       or {@code -fpWeight} before the first window;</li>
 * </ul>
 * where {@code S(x) = 2 sigmoid(-5x) - 1}, and {@code -1} for {@code x > 3}.
 */
public final class NabSweeper {

    public static final double DEFAULT_PROBATION_FRACTION = 0.15;

    private final NabProfile profile;
    private final double probationFraction;

    public NabSweeper(NabProfile profile, double probationFraction) {
        this.profile = profile;
        if (!(probationFraction >= 0 && probationFraction < 1)) {
            throw new IllegalArgumentException("probationFraction must be in [0, 1), was " + probationFraction);
        }
        this.probationFraction = probationFraction;
    }

    public NabSweeper(NabProfile profile) {
        this(profile, DEFAULT_PROBATION_FRACTION);
    }

    public NabProfile profile() {
        return profile;
    }

    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    double probationLength(int rows) {
        return probationLength(rows, probationFraction);
    }

    /** NAB's probationary period of a file: {@code min(floor(fraction * rows), fraction * 5000)} (750 rows at most by default). */
    public static double probationLength(int rows, double probationFraction) {
        return Math.min(Math.floor(probationFraction * rows), probationFraction * 5000);
    }

    SweptFile sweep(NabFile file, int windowIdOffset) {
        int n = file.size();
        double[] sweepScores = new double[n];
        int[] windowIds = new int[n];
        double maxTp = scaledSigmoid(-1.0);
        double probation = probationLength(n);
        List<IndexRange> windows = file.windows();
        int next = 0;
        IndexRange current = null;
        IndexRange previous = null;
        for (int i = 0; i < n; i++) {
            if (current == null && next < windows.size() && windows.get(next).first() == i) {
                current = windows.get(next++);
            }
            int windowId;
            if (current != null) {
                double position = -(current.last() - i + 1) / (double) current.length();
                sweepScores[i] = scaledSigmoid(position) * profile.tpWeight() / maxTp;
                windowId = windowIdOffset + next - 1;
            } else {
                // Java's x/0.0 = Infinity gives -1 after a one-row window, where NAB's Python divides by zero.
                double unweighted = previous == null
                        ? -1.0
                        : scaledSigmoid(Math.abs(previous.last() - i) / (double) (previous.length() - 1));
                sweepScores[i] = unweighted * profile.fpWeight();
                windowId = SweptFile.OUTSIDE;
            }
            windowIds[i] = i >= probation ? windowId : SweptFile.PROBATIONARY;
            if (current != null && current.last() == i) {
                previous = current;
                current = null;
            }
        }
        return new SweptFile(file.anomalyScores(), sweepScores, windowIds, windowIdOffset + windows.size());
    }

    /** The raw score of one file at a threshold: alarms are rows with anomaly score {@code >= threshold}. */
    public ThresholdScore scoreAt(NabFile file, double threshold) {
        SweptFile swept = sweep(file, 0);
        double[] best = new double[swept.windowIdEnd()];
        boolean[] scorable = new boolean[swept.windowIdEnd()];
        double fpScore = 0;
        long tp = 0, tn = 0, fp = 0, fn = 0;
        Arrays.fill(best, -profile.fnWeight());
        for (int i = 0; i < file.size(); i++) {
            int windowId = swept.windowIds()[i];
            if (windowId == SweptFile.PROBATIONARY) {
                continue;
            }
            boolean alarm = swept.anomalyScores()[i] >= threshold;
            if (windowId == SweptFile.OUTSIDE) {
                if (alarm) {
                    fp++;
                    fpScore += swept.sweepScores()[i];
                } else {
                    tn++;
                }
            } else {
                scorable[windowId] = true;
                if (alarm) {
                    tp++;
                    best[windowId] = Math.max(best[windowId], swept.sweepScores()[i]);
                } else {
                    fn++;
                }
            }
        }
        double score = fpScore;
        for (int w = 0; w < best.length; w++) {
            if (scorable[w]) {
                score += best[w];
            }
        }
        return new ThresholdScore(threshold, score, tp, tn, fp, fn);
    }

    /**
     * The raw score at every distinct threshold over the pooled rows of all files, highest threshold
     * first; the first row ({@code +Infinity}) raises no alarm at all. NAB starts at 1.1 because its
     * scores are in [0, 1]; +Infinity keeps the same meaning for unbounded scores.
     */
    public List<ThresholdScore> scoresByThreshold(List<NabFile> files) {
        List<SweptFile> swept = new ArrayList<>(files.size());
        int windowIds = 0;
        int scorableRows = 0;
        for (NabFile file : files) {
            SweptFile one = sweep(file, windowIds);
            windowIds = one.windowIdEnd();
            swept.add(one);
            for (int id : one.windowIds()) {
                if (id != SweptFile.PROBATIONARY) {
                    scorableRows++;
                }
            }
        }
        double[] scores = new double[scorableRows];
        double[] values = new double[scorableRows];
        double[] windowOf = new double[scorableRows];
        int k = 0;
        for (SweptFile file : swept) {
            for (int i = 0; i < file.windowIds().length; i++) {
                if (file.windowIds()[i] != SweptFile.PROBATIONARY) {
                    scores[k] = file.anomalyScores()[i];
                    values[k] = file.sweepScores()[i];
                    windowOf[k] = file.windowIds()[i];
                    k++;
                }
            }
        }
        MathArrays.sortInPlace(scores, MathArrays.OrderDirection.DECREASING, values, windowOf);

        double[] windowPart = new double[windowIds];
        double total = 0;
        long tn = 0, fn = 0, tp = 0, fp = 0;
        boolean[] seen = new boolean[windowIds];
        for (double w : windowOf) {
            if (w >= 0) {
                fn++;
                int id = (int) w;
                if (!seen[id]) {
                    seen[id] = true;
                    windowPart[id] = -profile.fnWeight();
                    total -= profile.fnWeight();
                }
            } else {
                tn++;
            }
        }
        List<ThresholdScore> result = new ArrayList<>();
        double threshold = Double.POSITIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != threshold) {
                result.add(new ThresholdScore(threshold, total, tp, tn, fp, fn));
                threshold = scores[i];
            }
            if (windowOf[i] >= 0) {
                tp++;
                fn--;
                int id = (int) windowOf[i];
                if (values[i] > windowPart[id]) {
                    total += values[i] - windowPart[id];
                    windowPart[id] = values[i];
                }
            } else {
                fp++;
                tn--;
                total += values[i];
            }
        }
        result.add(new ThresholdScore(threshold, total, tp, tn, fp, fn));
        return result;
    }
}
