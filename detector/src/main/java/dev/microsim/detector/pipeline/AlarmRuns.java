package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.Explanation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Folds a stream of scores into alarm runs ({@link SeriesAlarm}): consecutive points at or over the
 * line ({@code score >= 1}), each with its peak and the detector's explanation of its first point
 * (asked for only there: explaining every point would cost).
 */
final class AlarmRuns {

    private final long[] epochMillis;
    private final List<SeriesAlarm> alarms = new ArrayList<>();
    private int runStart = -1;
    private int last = -1;
    private double peak;
    private Explanation onset;

    AlarmRuns(long[] epochMillis) {
        this.epochMillis = epochMillis;
    }

    /** The score of point {@code index}; points come in order. */
    void add(int index, double score, Supplier<Explanation> explain) {
        if (score >= 1.0) {
            if (runStart < 0) {
                runStart = index;
                peak = score;
                onset = explain.get();
            } else {
                peak = Math.max(peak, score);
            }
        } else {
            close();
        }
        last = index;
    }

    List<SeriesAlarm> finish() {
        close();
        return List.copyOf(alarms);
    }

    private void close() {
        if (runStart >= 0) {
            alarms.add(new SeriesAlarm(epochMillis[runStart], epochMillis[last], peak, onset));
            runStart = -1;
        }
    }
}
