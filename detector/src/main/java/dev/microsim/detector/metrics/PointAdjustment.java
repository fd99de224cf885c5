package dev.microsim.detector.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Point adjustment (Xu et al. 2018) and its PA%K refinement (Kim et al., AAAI 2022): inside a true
 * event, if the share of alarmed points exceeds K%, every point of the event counts as detected.
 * K = 0 is plain point adjustment (one alarm is enough); K = 100 is point-wise scoring.
 */
public final class PointAdjustment {

    /** K = 0, 10, ..., 100 as in Kim et al. */
    public static final List<Integer> DEFAULT_KS = List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);

    private PointAdjustment() {
    }

    /** The confusion after adjusting with K percent; computed from per-event alarm counts, no copy. */
    public static Confusion adjusted(boolean[] predicted, boolean[] actual, List<IndexRange> events, double kPercent) {
        if (!(kPercent >= 0 && kPercent <= 100)) {
            throw new IllegalArgumentException("K must be in [0, 100], was " + kPercent);
        }
        Confusion raw = Confusion.of(predicted, actual);
        long tp = 0;
        for (IndexRange event : events) {
            long alarms = alarmsIn(predicted, event);
            tp += alarms > kPercent / 100.0 * event.length() ? event.length() : alarms;
        }
        long positives = raw.tp() + raw.fn();
        return new Confusion(tp, raw.fp(), positives - tp, raw.tn());
    }

    /** F1 after adjustment for every K, and the area under that curve over K in [0, 1] (trapezoids). */
    public static PaKCurve curve(boolean[] predicted, boolean[] actual, List<IndexRange> events, List<Integer> ks) {
        List<PaKCurve.Point> points = new ArrayList<>(ks.size());
        for (int k : ks) {
            points.add(new PaKCurve.Point(k, adjusted(predicted, actual, events, k)));
        }
        return new PaKCurve(points);
    }

    static long alarmsIn(boolean[] predicted, IndexRange range) {
        long count = 0;
        for (int i = range.first(); i <= range.last(); i++) {
            if (predicted[i]) {
                count++;
            }
        }
        return count;
    }
}
