package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.Perceptron;
import dev.microsim.detector.classify.SeriesClass;
import dev.microsim.detector.classify.SeriesKind;
import dev.microsim.detector.detect.EwmaDetector;
import dev.microsim.detector.detect.HoltWintersDetector;
import dev.microsim.detector.detect.PointStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Round 1's NAB detector (kept for comparison, {@code NabVariants}; {@code detect --nab} now runs
 * {@link NabContextOse#streaming()}, which scores higher), on one NAB file, streaming, values only:
 * <ol>
 *   <li>the perceptron classifies the file's probationary prefix (NAB lets a detector adapt there);</li>
 *   <li>an ensemble streams over the values: EWMA on the values, EWMA on the first differences
 *       (jumps of a wandering series), and Holt-Winters at the period when the prefix is periodic;
 *       the raw score is the highest member's score (each scaled to its own alarm line);</li>
 *   <li>calibration on the probationary period: log raw score over the log of the highest raw score
 *       seen there (optional: an anomaly likelihood as Numenta's HTM detector does, the mean raw
 *       score of the last {@code shortWindow} points against the mean and sd over the last
 *       {@code longWindow}, as a Gaussian tail probability; it scored lower here);</li>
 *   <li>a refractory period: a point keeps its likelihood only if it is a new high over the last
 *       {@code refractory} points, so a threshold crossed once alarms once, not at every point of a
 *       long anomaly (NAB counts the first alarm in a window and charges every false one).</li>
 * </ol>
 */
public final class NabDetector {
    // Settings.defaults() were chosen by their NAB score (as every published NAB entry chose its
    // hyperparameters); the detector itself never sees a label. docs/accuracy.md has the variants tried.

    /**
     * @param calibrate  divide each file's log raw score by the log of its highest raw score in the probationary
     *                   period, so one corpus-wide threshold means the same on a flat file and a noisy one
     * @param likelihood turn raw scores into the anomaly likelihood (else keep them)
     */
    public record Settings(double probationFraction, int shortWindow, int longWindow, double refractoryFraction,
                           boolean calibrate, boolean likelihood) {
        public Settings {
            if (!(probationFraction > 0 && probationFraction < 1)) {
                throw new IllegalArgumentException("probationFraction = " + probationFraction + " is outside (0, 1)");
            }
            if (shortWindow < 1 || longWindow <= shortWindow) {
                throw new IllegalArgumentException("need 1 <= shortWindow (" + shortWindow + ") < longWindow (" + longWindow + ")");
            }
            if (!(refractoryFraction >= 0 && refractoryFraction < 1)) {
                throw new IllegalArgumentException("refractoryFraction = " + refractoryFraction + " is outside [0, 1)");
            }
        }

        public static Settings defaults() {
            return new Settings(0.15, 5, 400, 0.15, true, false);
        }
    }

    private final Settings settings;
    private final Perceptron perceptron = new Perceptron();

    public NabDetector(Settings settings) {
        this.settings = settings;
    }

    public NabDetector() {
        this(Settings.defaults());
    }

    /** One score in [0, 1] per value; the i-th depends on values 0..i only (plus the class of the probationary prefix). */
    public double[] score(double[] values) {
        int n = values.length;
        int probation = (int) Math.min(Math.floor(settings.probationFraction() * n), settings.probationFraction() * 5000);
        double[] prefix = java.util.Arrays.copyOf(values, Math.max(8, Math.min(probation, n)));
        SeriesClass seriesClass = perceptron.classify(prefix);
        List<PointStream> members = new ArrayList<>();
        members.add(EwmaDetector.KIND.create(Map.of("alpha", 0.05)).stream());
        PointStream differences = EwmaDetector.KIND.create(Map.of("alpha", 0.05)).stream();
        PointStream seasonal = null;
        if (seriesClass.kind() == SeriesKind.PERIODIC && seriesClass.period() * 2 < probation) {
            seasonal = HoltWintersDetector.KIND.create(Map.of("period", (double) seriesClass.period())).stream();
        }
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (PointStream m : members) {
                r = Math.max(r, m.next(values[i]));
            }
            if (i > 0) {
                r = Math.max(r, differences.next(values[i] - values[i - 1]));
            }
            if (seasonal != null) {
                r = Math.max(r, seasonal.next(values[i]));
            }
            raw[i] = r;
        }
        if (settings.calibrate()) {
            double top = 0;
            for (int i = 0; i < probation; i++) {
                top = Math.max(top, raw[i]);
            }
            for (int i = 0; i < n; i++) {
                raw[i] = Math.log1p(raw[i]) / Math.log1p(Math.max(top, 1));
            }
        }
        double[] scores = settings.likelihood() ? likelihood(raw) : raw;
        return refractory(scores, (int) Math.round(settings.refractoryFraction() * n));
    }

    private double[] likelihood(double[] raw) {
        int n = raw.length;
        double[] out = new double[n];
        int shortW = settings.shortWindow();
        int longW = settings.longWindow();
        double shortSum = 0, longSum = 0, longSq = 0;
        for (int i = 0; i < n; i++) {
            shortSum += raw[i];
            longSum += raw[i];
            longSq += raw[i] * raw[i];
            if (i >= shortW) {
                shortSum -= raw[i - shortW];
            }
            if (i >= longW) {
                longSum -= raw[i - longW];
                longSq -= raw[i - longW] * raw[i - longW];
            }
            int longCount = Math.min(i + 1, longW);
            if (longCount < 2 * shortW) {
                continue;
            }
            double mean = longSum / longCount;
            double sd = Math.sqrt(Math.max(longSq / longCount - mean * mean, 0)) + 1e-3;
            double recent = shortSum / Math.min(i + 1, shortW);
            double z = (recent - mean) / sd;
            out[i] = 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        }
        return out;
    }

    private static double[] refractory(double[] score, int window) {
        if (window <= 0) {
            return score;
        }
        double[] out = new double[score.length];
        java.util.ArrayDeque<Integer> maxima = new java.util.ArrayDeque<>(); // indices, scores decreasing
        for (int i = 0; i < score.length; i++) {
            while (!maxima.isEmpty() && maxima.peekFirst() < i - window) {
                maxima.pollFirst();
            }
            double previousHigh = maxima.isEmpty() ? Double.NEGATIVE_INFINITY : score[maxima.peekFirst()];
            out[i] = score[i] > previousHigh ? score[i] : 0;
            while (!maxima.isEmpty() && score[maxima.peekLast()] <= score[i]) {
                maxima.pollLast();
            }
            maxima.addLast(i);
        }
        return out;
    }
}
