package dev.microsim.detector.detect;

import java.util.List;
import jwave.Transform;
import jwave.transforms.FastWaveletTransform;
import jwave.transforms.wavelets.haar.Haar1;

/**
 * Multi-level discrete wavelet transform (Haar, JWave) of the last {@code 2^levels} points; at each
 * level the detail coefficient covering the newest points is compared with the typical size of that
 * level's newest coefficient so far (an EW mean absolute value, which outliers do not move). A
 * spike lights up the finest levels, a level shift or a ramp the coarser ones; the score is the
 * highest level's ratio over the threshold.
 */
public final class WaveletDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("wavelet",
            "Haar DWT of a sliding window, large detail coefficients at any level",
            List.of(
                    ParamSpec.whole("levels", 1, 12, 6, "decomposition levels; the window is 2^levels points"),
                    ParamSpec.positive("threshold", 1000, 6, "alarm when a detail is this many typical sizes (sd) off"),
                    ParamSpec.positive("alpha", 1, 0.02, "smoothing of each level's typical size"),
                    ParamSpec.real("clip", 1, 1000, 2, "a detail this many sd off does not move its level's typical size")),
            WaveletDetector::new);

    public WaveletDetector(Params params) {
        super(KIND, params);
    }

    @Override
    public String description() {
        return "Haar wavelet (" + params.getInt("levels") + " levels, window " + (1 << params.getInt("levels")) + "), alarm at "
                + ParamSpec.format(params.get("threshold")) + " sd of a level's details";
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        /** E|X| = 0.7979 sd for Gaussian X: converts a mean absolute value to an sd. */
        private static final double MEAN_ABS_TO_SD = 1 / 0.7979;
        private final int levels = params.getInt("levels");
        private final int window = 1 << levels;
        private final double threshold = params.get("threshold");
        private final double alpha = params.get("alpha");
        private final double clip = params.get("clip");
        private final Transform transform = new Transform(new FastWaveletTransform(new Haar1()));
        private final double[] ring = new double[window];
        private final double[] typical = new double[levels];
        private long seen;
        private long scored;
        private double lastValue;
        private int lastLevel;
        private double lastRatio;

        @Override
        public double next(double value) {
            lastValue = value;
            ring[(int) (seen % window)] = value;
            seen++;
            if (seen < window) {
                return 0;
            }
            double[] data = new double[window];
            int start = (int) (seen % window);
            for (int i = 0; i < window; i++) {
                data[i] = ring[(start + i) % window];
            }
            // Mallat layout: [approximation, level `levels` detail, ..., the window/2 finest details];
            // the last coefficient of each block covers the newest points.
            double[] coefficients = transform.forward(data);
            double best = 0;
            int bestLevel = 0;
            boolean warm = scored >= window;
            for (int level = 1; level <= levels; level++) {
                int blockEnd = window >> (level - 1);
                double detail = Math.abs(coefficients[blockEnd - 1]);
                double sd = Math.max(typical[level - 1] * MEAN_ABS_TO_SD, 1e-9 + 1e-3 * Math.abs(coefficients[0]) / Math.sqrt(window));
                double ratio = detail / sd;
                if (ratio > best) {
                    best = ratio;
                    bestLevel = level;
                }
                if (!warm) {
                    typical[level - 1] += (detail - typical[level - 1]) / (scored + 1);
                } else if (ratio < clip) {
                    typical[level - 1] += alpha * (detail - typical[level - 1]);
                }
            }
            scored++;
            lastLevel = bestLevel;
            lastRatio = warm ? best : 0;
            return warm ? best / threshold : 0;
        }

        @Override
        public Explanation explain() {
            if (scored <= window) {
                return Explanation.warmingUp(lastValue, (int) Math.min(seen, Integer.MAX_VALUE), 2 * window);
            }
            return new Explanation(lastValue, Double.NaN, lastRatio, "value " + Explanation.num(lastValue) + ": the level-" + lastLevel
                    + " wavelet detail over the last " + (1 << lastLevel) + " points is " + Explanation.num(lastRatio)
                    + " sd of its usual size (alarm at " + ParamSpec.format(threshold) + ")");
        }
    }
}
