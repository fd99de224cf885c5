package dev.microsim.detector.pipeline;

import dev.microsim.detector.context.ContextualAnomalyDetector;
import dev.microsim.detector.context.RangeTrackingCad;
import dev.microsim.detector.context.RestPeriod;
import dev.microsim.detector.nab.NabSweeper;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * CAD OSE on one NAB file as NAB's own runner sets it up (after {@code context_ose_detector.py}):
 * rest for a fifth of the probationary period after an alarm-level score. The value range is
 * <ul>
 *   <li>{@link Range#FILE}: the whole file's min and max, what NAB's API hands every detector and
 *       what the published CAD OSE (and HTM) results used: a look-ahead on the range;</li>
 *   <li>{@link Range#PROBATION}: the probationary period's, fixed; later values outside it fall
 *       into the end bins;</li>
 *   <li>{@link Range#TRACKING}: the probationary period's, grown whenever a value leaves it
 *       ({@link RangeTrackingCad}): nothing a stream would not know.</li>
 * </ul>
 * {@code margin} widens the range by that share of its spread on each side (FILE ignores it).
 */
public final class NabContextOse {

    public enum Range { FILE, PROBATION, TRACKING }

    private final Range range;
    private final double margin;
    private final int replay;

    public NabContextOse(Range range, double margin, int replay) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin = " + margin + " must be >= 0");
        }
        this.range = range;
        this.margin = margin;
        this.replay = replay;
    }

    /**
     * What {@code detect --nab} runs: the probationary period's range, grown by new extremes with
     * no margin (as the reference, which widens nothing), relearning the last 1000 points on a rebuild.
     */
    public static NabContextOse streaming() {
        return new NabContextOse(Range.TRACKING, 0, 1000);
    }

    /** The published reference: the file's range. */
    public static NabContextOse reference() {
        return new NabContextOse(Range.FILE, 0, 1);
    }

    public double[] score(double[] values) {
        int n = values.length;
        double probation = NabSweeper.probationLength(n, NabSweeper.DEFAULT_PROBATION_FRACTION);
        double[] known = range == Range.FILE ? values : Arrays.copyOf(values, Math.max(1, (int) probation));
        double min = Arrays.stream(known).min().orElseThrow();
        double max = Arrays.stream(known).max().orElseThrow();
        DoubleUnaryOperator cad = cad(min, max);
        RestPeriod rest = RestPeriod.forProbation(probation);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rest.filter(cad.applyAsDouble(values[i]));
        }
        return scores;
    }

    private DoubleUnaryOperator cad(double min, double max) {
        double widen = margin * (max - min);
        return switch (range) {
            case FILE -> ContextualAnomalyDetector.forRange(min, max)::next;
            case PROBATION -> ContextualAnomalyDetector.forRange(min - widen, max + widen)::next;
            case TRACKING -> new RangeTrackingCad(min, max, margin, replay)::next;
        };
    }
}
