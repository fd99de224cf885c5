package dev.microsim.detector.detect;

import java.util.List;
import java.util.Random;

/**
 * Isolation forest over a service's standardised series ({@link IsolationForest}), fitted on the
 * past {@code window} vectors and refitted every {@code refit}. Isolation scores crowd into a
 * narrow band (about 0.4 to 0.8), so a point is measured against the forest's own training points:
 * {@code (s - median) / (max - median)} of their scores, over the threshold; 1 is as isolated as
 * the most isolated training point.
 */
public final class IsolationForestDetector extends DetectorBase<ServiceDetector> implements ServiceDetector {

    public static final DetectorKind<ServiceDetector> KIND = new DetectorKind<>("isolation-forest",
            "isolation forest over a service's standardised series, refitted on a sliding window",
            List.of(
                    ParamSpec.whole("trees", 10, 1000, 100, "trees in the forest"),
                    ParamSpec.whole("sampleSize", 16, 4096, 256, "points per tree"),
                    ParamSpec.whole("window", 32, 100_000, 300, "past vectors the forest is fitted on"),
                    ParamSpec.whole("refit", 1, 100_000, 60, "vectors between refits"),
                    ParamSpec.positive("threshold", 100, 1.35, "alarm when (s - median) / (max - median) of the training scores >= this"),
                    ParamSpec.whole("seed", 0, Integer.MAX_VALUE, 42, "random seed")),
            IsolationForestDetector::new);

    public IsolationForestDetector(Params params) {
        super(KIND, params);
    }

    public static IsolationForestDetector defaults() {
        return (IsolationForestDetector) KIND.withDefaults();
    }

    @Override
    public String description() {
        return "isolation forest (" + params.getInt("trees") + " trees of " + params.getInt("sampleSize") + ", fitted on the last "
                + params.getInt("window") + " vectors), alarm at isolation score " + ParamSpec.format(params.get("threshold"));
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
        private final Standardizer standardizer;
        private final double[][] history;
        private final Random random = new Random(params.getInt("seed"));
        private IsolationForest forest;
        private long seen;
        private long sinceFit;
        private int top;
        private double lastScore;
        private double lastIsolation;
        private double lastRelative;
        private double trainMedian;
        private double trainMax;
        private double[] lastPoint;

        Stream(List<String> dimensions) {
            this.dimensions = List.copyOf(dimensions);
            this.standardizer = new Standardizer(dimensions.size(), 0.01, 4);
            this.history = new double[window][dimensions.size()];
        }

        @Override
        public double next(double[] point) {
            lastPoint = point.clone();
            double[] z = history[(int) (seen % window)];
            double[] standardised = new double[point.length];
            top = standardizer.standardise(point, standardised);
            double score = 0;
            lastIsolation = 0;
            if (forest != null) {
                lastIsolation = forest.score(standardised);
                lastRelative = (lastIsolation - trainMedian) / Math.max(trainMax - trainMedian, 1e-6);
                score = Math.max(0, lastRelative) / threshold;
            }
            System.arraycopy(standardised, 0, z, 0, point.length);
            seen++;
            sinceFit++;
            if (seen >= Math.min(window, 64) && (forest == null || sinceFit >= refit)) {
                int count = (int) Math.min(seen, window);
                forest = IsolationForest.fit(history, count, params.getInt("trees"), params.getInt("sampleSize"), random);
                double[] trained = new double[count];
                for (int i = 0; i < count; i++) {
                    trained[i] = forest.score(history[i]);
                }
                java.util.Arrays.sort(trained);
                trainMedian = trained[count / 2];
                trainMax = trained[count - 1];
                sinceFit = 0;
            }
            lastScore = score;
            return score;
        }

        @Override
        public int topDimension() {
            return top;
        }

        @Override
        public Explanation explain() {
            if (lastIsolation == 0) {
                return Explanation.warmingUp(lastPoint == null ? Double.NaN : lastPoint[top], (int) Math.min(seen, 64), 65);
            }
            return new Explanation(lastPoint[top], Double.NaN, lastRelative, "isolation score " + Explanation.num(lastIsolation)
                    + ", " + Explanation.num(lastRelative) + "x the training spread (median " + Explanation.num(trainMedian) + ", max "
                    + Explanation.num(trainMax) + "; alarm at " + ParamSpec.format(threshold) + "); furthest off: " + dimensions.get(top) + " = "
                    + Explanation.num(lastPoint[top]) + "; score " + Explanation.num(lastScore));
        }
    }
}
