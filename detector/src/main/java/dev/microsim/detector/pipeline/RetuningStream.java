package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.SeriesClass;
import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.Explanation;
import dev.microsim.detector.detect.PointStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches a series' character while detecting: every {@code checkEvery} points the perceptron
 * classifies the last {@code window} points; when two checks in a row disagree with the class the
 * detector was chosen for (a new daily pattern, a series that starts to wander), the detector is
 * re-chosen for the new class and warmed on those last points (past points only: no look-ahead).
 */
final class RetuningStream implements PointStream {

    /** One change of character: at which point, from which class to which. */
    record Change(long index, String from, String to) {
    }

    private final PerceptronChooser chooser;
    private final int window;
    private final int checkEvery;
    private final double[] ring;
    private final List<Change> changes = new ArrayList<>();
    private SeriesClass current;
    private PointStream stream;
    private long seen;
    private int disagreements;

    RetuningStream(PerceptronChooser chooser, SeriesClass initial, Detector detector, int window, int checkEvery) {
        this.chooser = chooser;
        this.window = window;
        this.checkEvery = checkEvery;
        this.ring = new double[window];
        this.current = initial;
        this.stream = detector.stream();
    }

    @Override
    public double next(double value) {
        double score = stream.next(value);
        ring[(int) (seen % window)] = value;
        seen++;
        if (seen >= window && seen % checkEvery == 0) {
            check();
        }
        return score;
    }

    private void check() {
        double[] recent = recent();
        SeriesClass now = chooser.perceptron().classify(recent);
        if (now.sameCharacter(current)) {
            disagreements = 0;
            return;
        }
        if (++disagreements < 2) {
            return;
        }
        changes.add(new Change(seen - 1, current.label(), now.label()));
        current = now;
        disagreements = 0;
        stream = chooser.detectorFor(now).stream();
        for (double v : recent) {
            stream.next(v);
        }
    }

    private double[] recent() {
        double[] out = new double[window];
        int start = (int) (seen % window);
        for (int i = 0; i < window; i++) {
            out[i] = ring[(start + i) % window];
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
