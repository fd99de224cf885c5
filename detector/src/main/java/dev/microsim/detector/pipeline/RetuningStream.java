package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.SeriesClass;
import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.Explanation;
import dev.microsim.detector.detect.Params;
import dev.microsim.detector.detect.PointStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches a series' character while detecting: every {@code checkEvery} points the perceptron
 * classifies the last {@code window} points; when two checks in a row disagree with the class the
 * detector was chosen for (a new daily pattern, a series that starts to wander), the detector is
 * re-chosen for the new class and warmed on those last points (past points only: no look-ahead).
 *
 * <p>The points the current detector found far off ({@link #OUTLIER_SD} of its own deviation
 * measure or more) are an anomaly, not the series' character, as long as they are a minority of
 * the window (at most a quarter of it): they are replaced by the last ordinary value before they
 * are classified or replayed.
 * Without that, a crash's 25 seconds at 0 made a constant {@code replicas_up} look like a random
 * walk, and the new detector, warmed on the zeros, alarmed for a minute on the restarted replica's
 * steady 1 (six of the nine false episodes of the seed-1 runs). When more of the window is far
 * off, the character did change (or the detector misjudges the series: a count of about 1 a
 * second whose zeros and twos an EWMA with a collapsed variance calls outliers; cleaned, it became
 * a flat line every later point broke), and the window is taken as it is. The rule reads the deviation
 * (score times threshold), not the score, so a threshold change is still an exact rescale of every
 * score (what the tuner relies on).
 */
final class RetuningStream implements PointStream {

    /** One change of character: at which point, from which class to which, and the new detector's threshold. */
    record Change(long index, String from, String to, double threshold) {
    }

    /** A point this many of the current detector's deviation units off (sd for EWMA) counts as an outlier. */
    static final double OUTLIER_SD = 5;

    private final PerceptronChooser chooser;
    private final int window;
    private final int checkEvery;
    private final double[] ring;
    private final boolean[] outlier;
    private final List<Change> changes = new ArrayList<>();
    private SeriesClass current;
    private PointStream stream;
    private long seen;
    private double threshold;
    private int disagreements;

    RetuningStream(PerceptronChooser chooser, SeriesClass initial, Detector detector, int window, int checkEvery) {
        this.chooser = chooser;
        this.window = window;
        this.checkEvery = checkEvery;
        this.ring = new double[window];
        this.outlier = new boolean[window];
        this.current = initial;
        this.stream = detector.stream();
        this.threshold = thresholdOf(detector);
    }

    private static double thresholdOf(Detector detector) {
        Double t = detector.params().values().get("threshold");
        return t == null ? 1 : t;
    }

    @Override
    public double next(double value) {
        double score = stream.next(value);
        ring[(int) (seen % window)] = value;
        outlier[(int) (seen % window)] = score * threshold >= OUTLIER_SD;
        seen++;
        if (seen >= window && seen % checkEvery == 0) {
            check();
        }
        return score;
    }

    private void check() {
        double[] recent = withoutOutliers(recent());
        SeriesClass now = chooser.perceptron().classify(recent);
        if (now.sameCharacter(current)) {
            disagreements = 0;
            return;
        }
        if (++disagreements < 2) {
            return;
        }
        Detector detector = learningOverTheWindow(chooser.detectorFor(now));
        changes.add(new Change(seen - 1, current.label(), now.label(), thresholdOf(detector)));
        current = now;
        disagreements = 0;
        stream = detector.stream();
        threshold = thresholdOf(detector);
        for (double v : recent) {
            stream.next(v);
        }
    }

    /**
     * The new detector learns the whole window before it judges anything (a warm-up, as at the
     * start of a run), rather than judging the second half of it: a stretch of a fault it clipped
     * there (a partition's zeros) collapsed EWMA's variance, and after that the level it came back
     * to could not be learnt again for minutes.
     */
    private Detector learningOverTheWindow(Detector detector) {
        Params params = detector.params();
        return params.values().containsKey("warmup") ? detector.with(params.with("warmup", window)) : detector;
    }

    private double[] recent() {
        double[] out = new double[window];
        int start = (int) (seen % window);
        for (int i = 0; i < window; i++) {
            out[i] = ring[(start + i) % window];
        }
        return out;
    }

    /** The window in time order, the current detector's outliers carried over by the last ordinary value, if they are at most a quarter of it. */
    private double[] withoutOutliers(double[] values) {
        int start = (int) (seen % window);
        boolean[] far = new boolean[window];
        int count = 0;
        for (int i = 0; i < window; i++) {
            far[i] = outlier[(start + i) % window];
            count += far[i] ? 1 : 0;
        }
        if (count == 0 || 4 * count > window) {
            return values;
        }
        double last = Double.NaN;
        for (int i = 0; i < window; i++) {
            if (!far[i]) {
                last = values[i];
                break;
            }
        }
        double[] out = values.clone();
        for (int i = 0; i < window; i++) {
            if (far[i]) {
                out[i] = last;
            } else {
                last = values[i];
            }
        }
        return out;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    @Override
    public Explanation explain() {
        return stream.explain();
    }
}
