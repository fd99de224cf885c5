package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.Perceptron;
import dev.microsim.detector.classify.SeriesClass;
import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.telemetry.MetricSeries;
import java.util.Arrays;

/**
 * Classifies a series on its first {@code prefix} points only (what a streaming system knows
 * after its warm-up; never a later point) and picks the detector for the class.
 */
public final class PerceptronChooser implements DetectorChooser {

    private final Perceptron perceptron;
    private final ClassParameters parameters;
    private final int prefix;
    private final int retuneWindow;

    /**
     * @param retuneWindow 0: keep the first choice; else watch the last this many points and
     *                     re-choose when the series' character changes ({@link RetuningStream})
     */
    public PerceptronChooser(Perceptron perceptron, ClassParameters parameters, int prefix, int retuneWindow) {
        if (prefix < 8) {
            throw new IllegalArgumentException("prefix = " + prefix + " must be >= 8 points");
        }
        if (retuneWindow != 0 && retuneWindow < 16) {
            throw new IllegalArgumentException("retuneWindow = " + retuneWindow + " must be 0 (off) or >= 16 points");
        }
        this.perceptron = perceptron;
        this.parameters = parameters;
        this.prefix = prefix;
        this.retuneWindow = retuneWindow;
    }

    @Override
    public dev.microsim.detector.detect.PointStream stream(SeriesPlan plan) {
        if (retuneWindow == 0) {
            return plan.detector().stream();
        }
        return new RetuningStream(this, plan.seriesClass(), plan.detector(), retuneWindow, Math.max(1, retuneWindow / 2));
    }

    public ClassParameters parameters() {
        return parameters;
    }

    public SeriesClass classify(double[] values) {
        return perceptron.classify(Arrays.copyOf(values, Math.min(prefix, values.length)));
    }

    public Detector detectorFor(SeriesClass seriesClass) {
        return parameters.detectorFor(seriesClass);
    }

    public Perceptron perceptron() {
        return perceptron;
    }

    public int prefix() {
        return prefix;
    }

    @Override
    public SeriesPlan plan(MetricSeries series) {
        SeriesClass c = classify(series.values());
        Detector detector = detectorFor(c);
        return new SeriesPlan(c, detector, "classified " + c.label() + " on the first "
                + Math.min(prefix, series.size()) + " points (" + c.features().summary() + "): " + detector.description());
    }
}
