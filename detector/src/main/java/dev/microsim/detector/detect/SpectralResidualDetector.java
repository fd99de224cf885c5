package dev.microsim.detector.detect;

import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Spectral residual (Ren et al., KDD 2019, Microsoft's time-series anomaly service): over the last
 * {@code window} points, extended by a few points extrapolated from the recent slope (so the
 * newest point is not at the window's edge), the log amplitude spectrum minus its local average
 * is turned back into a saliency map; the newest point's saliency is compared with the average
 * saliency newest points have had ({@code (S - avg) / avg}). FFT by JTransforms.
 *
 * <p>Spectral residual highlights sudden changes (spikes, steps); a gradual ramp has no salient
 * point and is not what it finds (DetectorContractTest holds it to spikes and level shifts only).
 */
public final class SpectralResidualDetector extends DetectorBase<Detector> implements Detector {

    private static final int EXTEND = 5;
    private static final int SPECTRUM_AVERAGE = 3;

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("spectral-residual",
            "saliency of the newest point from the spectral residual of a sliding window",
            List.of(
                    ParamSpec.whole("window", 8, 4096, 128, "points in the sliding window"),
                    ParamSpec.positive("threshold", 1000, 5, "alarm when (saliency - average) / average >= threshold"),
                    ParamSpec.positive("averageAlpha", 1, 0.02, "smoothing of the average saliency")),
            SpectralResidualDetector::new);

    public SpectralResidualDetector(Params params) {
        super(KIND, params);
    }

    @Override
    public String description() {
        return "spectral residual (window " + params.getInt("window") + "), alarm at saliency ratio " + ParamSpec.format(params.get("threshold"));
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        private final int window = params.getInt("window");
        private final int n = window + EXTEND;
        private final double threshold = params.get("threshold");
        private final double averageAlpha = params.get("averageAlpha");
        private final double[] ring = new double[window];
        private final double[] buffer = new double[2 * n];
        private final double[] logAmplitude = new double[n];
        private final DoubleFFT_1D fft = new DoubleFFT_1D(n);
        private long seen;
        private long scored;
        private double average;
        private double lastValue;
        private double lastSaliency;
        private double lastAverage;
        private double lastScore;

        @Override
        public double next(double value) {
            lastValue = value;
            ring[(int) (seen % window)] = value;
            seen++;
            if (seen < window) {
                return 0;
            }
            double saliency = saliencyOfNewest();
            lastSaliency = saliency;
            lastAverage = average;
            double score = 0;
            // the average needs a window's worth of newest-point saliencies before it means anything
            if (scored >= window) {
                double ratio = average <= 0 ? 0 : (saliency - average) / average;
                score = Math.max(0, ratio) / threshold;
            }
            lastScore = score;
            if (scored == 0) {
                average = saliency;
            } else if (score < 1) {
                average += averageAlpha * (saliency - average);
            }
            scored++;
            return score;
        }

        private double saliencyOfNewest() {
            int start = (int) (seen % window);
            for (int i = 0; i < window; i++) {
                buffer[2 * i] = ring[(start + i) % window];
                buffer[2 * i + 1] = 0;
            }
            // Extrapolate EXTEND points so the newest point is not at the window's edge. The paper takes
            // the slope from the newest point itself; then a spike extrapolates itself and is no longer
            // salient, so the slope here comes from the EXTEND points before the newest.
            int m = Math.min(EXTEND, window - 2);
            double before = buffer[2 * (window - 2)];
            double gradient = 0;
            for (int k = 1; k <= m; k++) {
                gradient += (before - buffer[2 * (window - 2 - k)]) / k;
            }
            gradient /= m;
            for (int k = 0; k < EXTEND; k++) {
                buffer[2 * (window + k)] = before + gradient * (k + 2);
                buffer[2 * (window + k) + 1] = 0;
            }
            fft.complexForward(buffer);
            for (int i = 0; i < n; i++) {
                double amplitude = Math.hypot(buffer[2 * i], buffer[2 * i + 1]);
                logAmplitude[i] = Math.log(amplitude + 1e-8);
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                int count = 0;
                for (int k = i - SPECTRUM_AVERAGE / 2; k <= i + SPECTRUM_AVERAGE / 2; k++) {
                    if (k >= 0 && k < n) {
                        sum += logAmplitude[k];
                        count++;
                    }
                }
                double residual = logAmplitude[i] - sum / count;
                double amplitude = Math.exp(logAmplitude[i]);
                double scale = amplitude < 1e-12 ? 0 : Math.exp(residual) / amplitude;
                buffer[2 * i] *= scale;
                buffer[2 * i + 1] *= scale;
            }
            fft.complexInverse(buffer, true);
            int newestIndex = window - 1;
            return Math.hypot(buffer[2 * newestIndex], buffer[2 * newestIndex + 1]);
        }

        @Override
        public Explanation explain() {
            if (scored <= window) {
                return Explanation.warmingUp(lastValue, (int) Math.min(seen, Integer.MAX_VALUE), 2 * window);
            }
            double ratio = lastAverage <= 0 ? 0 : (lastSaliency - lastAverage) / lastAverage;
            return new Explanation(lastValue, Double.NaN, ratio, "value " + Explanation.num(lastValue) + " has saliency "
                    + Explanation.num(lastSaliency) + ", " + Explanation.num(ratio) + "x above the average " + Explanation.num(lastAverage)
                    + " (alarm at " + ParamSpec.format(threshold) + "; score " + Explanation.num(lastScore) + ")");
        }
    }
}
