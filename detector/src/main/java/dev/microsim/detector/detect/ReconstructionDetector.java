package dev.microsim.detector.detect;

import java.util.List;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Reconstruction error over a service's standardised series: a linear autoencoder (PCA, the
 * optimum a linear encoder/decoder reaches, fitted in closed form by commons-math3's eigen
 * decomposition instead of by gradient descent) keeps the components explaining {@code variance}
 * of the past {@code window} vectors. The score is the larger of the reconstruction error and the
 * distance in the latent space (as a VAE's two terms), each in units of its usual size, over the
 * threshold: a point that breaks the usual relation between series, or moves far along it.
 */
public final class ReconstructionDetector extends DetectorBase<ServiceDetector> implements ServiceDetector {

    public static final DetectorKind<ServiceDetector> KIND = new DetectorKind<>("reconstruction",
            "PCA (linear autoencoder) reconstruction error of a service's standardised series",
            List.of(
                    ParamSpec.real("variance", 0.5, 0.999, 0.9, "share of variance the kept components explain"),
                    ParamSpec.whole("window", 32, 100_000, 300, "past vectors the components are fitted on"),
                    ParamSpec.whole("refit", 1, 100_000, 60, "vectors between refits"),
                    ParamSpec.positive("threshold", 1000, 5, "alarm when the error is this many usual sizes")),
            ReconstructionDetector::new);

    public ReconstructionDetector(Params params) {
        super(KIND, params);
    }

    public static ReconstructionDetector defaults() {
        return (ReconstructionDetector) KIND.withDefaults();
    }

    @Override
    public String description() {
        return "PCA reconstruction (" + ParamSpec.format(params.get("variance") * 100) + "% variance, fitted on the last "
                + params.getInt("window") + " vectors), alarm at " + ParamSpec.format(params.get("threshold")) + "x the usual error";
    }

    @Override
    public VectorStream stream(List<String> dimensions) {
        return new Stream(dimensions);
    }

    private final class Stream implements VectorStream {
        private final List<String> dimensions;
        private final int window = params.getInt("window");
        private final int refit = params.getInt("refit");
        private final double threshold = params.get("threshold");
        private final double keep = params.get("variance");
        private final Standardizer standardizer;
        private final double[][] history;
        private double[][] components; // k x d
        private double[] componentSd;
        private double usualError;
        private long seen;
        private long sinceFit;
        private int top;
        private double lastError;
        private double lastLatent;
        private double lastScore;
        private double[] lastPoint;

        Stream(List<String> dimensions) {
            this.dimensions = List.copyOf(dimensions);
            this.standardizer = new Standardizer(dimensions.size(), 0.01, 4);
            this.history = new double[window][dimensions.size()];
        }

        @Override
        public double next(double[] point) {
            lastPoint = point.clone();
            double[] z = new double[point.length];
            top = standardizer.standardise(point, z);
            double score = 0;
            if (components != null) {
                double[] errors = errors(z);
                lastError = Math.sqrt(errors[0] / usualError);
                lastLatent = errors[1];
                score = Math.max(lastError, lastLatent) / threshold;
            }
            System.arraycopy(z, 0, history[(int) (seen % window)], 0, z.length);
            seen++;
            sinceFit++;
            if (seen >= Math.min(window, 64) && (components == null || sinceFit >= refit)) {
                fit((int) Math.min(seen, window));
                sinceFit = 0;
            }
            lastScore = score;
            return score;
        }

        /** [squared reconstruction error, largest latent coordinate in component sd]. */
        private double[] errors(double[] z) {
            double[] reconstruction = new double[z.length];
            double latent = 0;
            for (int k = 0; k < components.length; k++) {
                double y = 0;
                for (int d = 0; d < z.length; d++) {
                    y += components[k][d] * z[d];
                }
                latent = Math.max(latent, Math.abs(y) / componentSd[k]);
                for (int d = 0; d < z.length; d++) {
                    reconstruction[d] += y * components[k][d];
                }
            }
            double error = 0;
            for (int d = 0; d < z.length; d++) {
                double e = z[d] - reconstruction[d];
                error += e * e;
            }
            return new double[] {error, latent};
        }

        private void fit(int count) {
            int d = dimensions.size();
            RealMatrix covariance = MatrixUtils.createRealMatrix(d, d);
            double[] mean = new double[d];
            for (int i = 0; i < count; i++) {
                for (int a = 0; a < d; a++) {
                    mean[a] += history[i][a] / count;
                }
            }
            for (int i = 0; i < count; i++) {
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        double v = (history[i][a] - mean[a]) * (history[i][b] - mean[b]) / count;
                        covariance.addToEntry(a, b, v);
                        if (a != b) {
                            covariance.addToEntry(b, a, v);
                        }
                    }
                }
            }
            EigenDecomposition eigen = new EigenDecomposition(covariance);
            double[] values = eigen.getRealEigenvalues();
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
            double total = 0;
            for (double v : values) {
                total += Math.max(0, v);
            }
            // keep at least one component and drop at least one when there are two or more series
            int k = 0;
            double explained = 0;
            while (k < d && (k == 0 || explained < keep * total)) {
                explained += Math.max(0, values[order[k]]);
                k++;
            }
            k = Math.max(1, Math.min(k, d == 1 ? 1 : d - 1));
            components = new double[k][];
            componentSd = new double[k];
            for (int c = 0; c < k; c++) {
                components[c] = eigen.getEigenvector(order[c]).toArray();
                componentSd[c] = Math.sqrt(Math.max(values[order[c]], 1e-6));
            }
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += errors(history[i])[0];
            }
            usualError = Math.max(sum / count, 1e-3 * d);
        }

        @Override
        public int topDimension() {
            return top;
        }

        @Override
        public Explanation explain() {
            if (components == null) {
                return Explanation.warmingUp(lastPoint == null ? Double.NaN : lastPoint[top], (int) Math.min(seen, 64), 65);
            }
            return new Explanation(lastPoint[top], Double.NaN, Math.max(lastError, lastLatent), "reconstruction error "
                    + Explanation.num(lastError) + "x and latent distance " + Explanation.num(lastLatent) + " sd of the usual (alarm at "
                    + ParamSpec.format(threshold) + "); furthest off: " + dimensions.get(top) + " = " + Explanation.num(lastPoint[top])
                    + "; score " + Explanation.num(lastScore));
        }
    }
}
