package dev.microsim.detector.detect;

/**
 * Per-dimension streaming z-scores for the multivariate detectors, so a latency in ms and a memory
 * in bytes weigh alike: EW mean and variance, each point standardised against the statistics before
 * it (no look-ahead), clipped to +-{@code clip}; a point at least {@code freeze} sd off moves the
 * mean a little and the variance not at all (as in {@link EwmaDetector}).
 */
final class Standardizer {

    private static final double CLIP = 20;
    private final double alpha;
    private final double freeze;
    private final double[] mean;
    private final double[] variance;
    private long seen;

    Standardizer(int dimensions, double alpha, double freeze) {
        this.alpha = alpha;
        this.freeze = freeze;
        this.mean = new double[dimensions];
        this.variance = new double[dimensions];
    }

    /** Writes the standardised point into {@code out}; the index of the largest |z| is returned. */
    int standardise(double[] point, double[] out) {
        int top = 0;
        for (int d = 0; d < point.length; d++) {
            double sd = Math.max(Math.sqrt(variance[d]), Math.max(0.01 * Math.abs(mean[d]), 1e-9));
            double z = seen < 2 ? 0 : (point[d] - mean[d]) / sd;
            out[d] = Math.max(-CLIP, Math.min(CLIP, z));
            if (Math.abs(out[d]) > Math.abs(out[top])) {
                top = d;
            }
            if (seen == 0) {
                mean[d] = point[d];
            } else if (seen > 20 && Math.abs(z) >= freeze) {
                mean[d] += alpha * Math.copySign(freeze * sd, z);
            } else {
                double diff = point[d] - mean[d];
                double a = seen <= 20 ? 1.0 / (seen + 1) : alpha;
                mean[d] += a * diff;
                variance[d] = (1 - a) * (variance[d] + diff * a * diff);
            }
        }
        seen++;
        return top;
    }
}
