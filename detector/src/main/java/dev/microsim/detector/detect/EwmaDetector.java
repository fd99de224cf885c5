package dev.microsim.detector.detect;

import java.util.List;

/**
 * Exponentially weighted mean and variance; a point's score is its distance from the mean
 * <em>before</em> it arrived, in standard deviations, over the threshold. The sd has a floor
 * relative to the mean's size so a flat series (all zeros, a constant gauge) does not alarm on
 * rounding noise, while any real step off a flat line still does. A point at least {@code clip} sd
 * off moves the mean by at most {@code clip} sd and leaves the variance alone: an outlier cannot
 * blow the variance up and hide the next one, a level shift alarms until the mean has walked to it,
 * and a ramp steeper than the mean can follow keeps scoring higher (a plain EWMA variance grows
 * with a ramp as fast as the deviation does, so its z-score never reaches the line).
 */
public final class EwmaDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("ewma",
            "exponentially weighted mean and variance, z-score of each point against the mean before it",
            List.of(
                    ParamSpec.positive("alpha", 1, 0.05, "smoothing factor of mean and variance (higher forgets faster)"),
                    ParamSpec.positive("threshold", 1000, 4, "alarm when |value - mean| >= threshold * sd"),
                    ParamSpec.whole("warmup", 2, 100_000, 20, "points seen before the first score"),
                    ParamSpec.real("sdFloor", 0, 1, 0.01, "sd is at least this fraction of |mean| (and 1e-9)"),
                    ParamSpec.real("clip", 1, 1000, 2.5, "a point this many sd off moves the mean by at most that much, the variance not at all")),
            EwmaDetector::new);

    private final double alpha;
    private final double threshold;
    private final int warmup;
    private final double sdFloor;
    private final double clip;

    public EwmaDetector(Params params) {
        super(KIND, params);
        this.alpha = params.get("alpha");
        this.threshold = params.get("threshold");
        this.warmup = params.getInt("warmup");
        this.sdFloor = params.get("sdFloor");
        this.clip = params.get("clip");
    }

    public static EwmaDetector defaults() {
        return (EwmaDetector) KIND.withDefaults();
    }

    @Override
    public String description() {
        return "EWMA z-score (alpha " + ParamSpec.format(alpha) + ", alarm at " + ParamSpec.format(threshold)
                + " sd, " + warmup + " warm-up points)";
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        private long seen;
        private double mean;
        private double variance;
        private double lastValue;
        private double lastMean;
        private double lastSd;
        private double lastScore;

        @Override
        public double next(double value) {
            double score = 0;
            double sd = Math.max(Math.sqrt(variance), Math.max(sdFloor * Math.abs(mean), 1e-9));
            if (seen >= warmup) {
                score = Math.abs(value - mean) / sd / threshold;
            }
            lastValue = value;
            lastMean = mean;
            lastSd = sd;
            lastScore = score;
            if (seen == 0) {
                mean = value;
            } else if (seen >= warmup && Math.abs(value - mean) >= clip * sd) {
                mean += alpha * Math.max(-clip * sd, Math.min(clip * sd, value - mean));
            } else {
                // West's incremental form: no catastrophic cancellation, O(1) per point.
                double diff = value - mean;
                double increment = alpha * diff;
                mean += increment;
                variance = (1 - alpha) * (variance + diff * increment);
            }
            seen++;
            return score;
        }

        @Override
        public Explanation explain() {
            if (seen <= warmup) {
                return Explanation.warmingUp(lastValue, (int) Math.min(seen, Integer.MAX_VALUE), warmup + 1);
            }
            double z = (lastValue - lastMean) / lastSd;
            return new Explanation(lastValue, lastMean, z,
                    "value " + Explanation.num(lastValue) + " is " + Explanation.num(Math.abs(z)) + " sd "
                            + (z >= 0 ? "above" : "below") + " the EWMA mean " + Explanation.num(lastMean)
                            + " (alarm at " + ParamSpec.format(threshold) + " sd; score " + Explanation.num(lastScore) + ")");
        }
    }
}
