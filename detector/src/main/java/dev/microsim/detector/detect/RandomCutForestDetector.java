package dev.microsim.detector.detect;

import com.amazon.randomcutforest.RandomCutForest;
import java.util.List;

/**
 * AWS Random Cut Forest (randomcutforest-core) over a service's standardised series: each vector
 * is scored against the forest of the past, then added to it (the forest forgets old points by
 * reservoir sampling). RCF's score is about 1 for ordinary points; the threshold is on that scale.
 */
public final class RandomCutForestDetector extends DetectorBase<ServiceDetector> implements ServiceDetector {

    public static final DetectorKind<ServiceDetector> KIND = new DetectorKind<>("random-cut-forest",
            "AWS Random Cut Forest over a service's standardised series, streaming",
            List.of(
                    ParamSpec.whole("trees", 10, 500, 50, "trees in the forest"),
                    ParamSpec.whole("sampleSize", 32, 4096, 256, "points each tree keeps"),
                    ParamSpec.whole("shingle", 1, 16, 1, "consecutive vectors scored together"),
                    ParamSpec.positive("threshold", 100, 2.5, "alarm when the RCF score >= this"),
                    ParamSpec.whole("seed", 0, Integer.MAX_VALUE, 42, "random seed")),
            RandomCutForestDetector::new);

    public RandomCutForestDetector(Params params) {
        super(KIND, params);
    }

    public static RandomCutForestDetector defaults() {
        return (RandomCutForestDetector) KIND.withDefaults();
    }

    @Override
    public String description() {
        return "Random Cut Forest (" + params.getInt("trees") + " trees of " + params.getInt("sampleSize") + ", shingle "
                + params.getInt("shingle") + "), alarm at RCF score " + ParamSpec.format(params.get("threshold"));
    }

    @Override
    public VectorStream stream(List<String> dimensions) {
        return new Stream(dimensions);
    }

    private final class Stream implements VectorStream {
        private final List<String> dimensions;
        private final int shingle = params.getInt("shingle");
        private final double threshold = params.get("threshold");
        private final Standardizer standardizer;
        private final RandomCutForest forest;
        private final double[] shingled;
        private long seen;
        private int top;
        private double lastRcf;
        private double lastScore;
        private double[] lastPoint;

        Stream(List<String> dimensions) {
            this.dimensions = List.copyOf(dimensions);
            int d = dimensions.size();
            this.standardizer = new Standardizer(d, 0.01, 4);
            this.shingled = new double[d * shingle];
            this.forest = RandomCutForest.builder().dimensions(d * shingle).numberOfTrees(params.getInt("trees"))
                    .sampleSize(params.getInt("sampleSize")).randomSeed(params.getInt("seed")).build();
        }

        @Override
        public double next(double[] point) {
            lastPoint = point.clone();
            int d = point.length;
            double[] z = new double[d];
            top = standardizer.standardise(point, z);
            System.arraycopy(shingled, d, shingled, 0, d * (shingle - 1));
            System.arraycopy(z, 0, shingled, d * (shingle - 1), d);
            seen++;
            if (seen < shingle) {
                return 0;
            }
            lastRcf = forest.getAnomalyScore(shingled);
            lastScore = lastRcf / threshold;
            forest.update(shingled);
            return lastScore;
        }

        @Override
        public int topDimension() {
            return top;
        }

        @Override
        public Explanation explain() {
            if (lastRcf == 0) {
                return Explanation.warmingUp(lastPoint == null ? Double.NaN : lastPoint[top], (int) Math.min(seen, 1000), params.getInt("sampleSize") / 4);
            }
            return new Explanation(lastPoint[top], Double.NaN, lastRcf, "RCF score " + Explanation.num(lastRcf) + " (alarm at "
                    + ParamSpec.format(threshold) + "); furthest off: " + dimensions.get(top) + " = " + Explanation.num(lastPoint[top]));
        }
    }
}
