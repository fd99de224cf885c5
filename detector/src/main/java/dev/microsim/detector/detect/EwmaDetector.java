package dev.microsim.detector.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Exponentially weighted mean and variance; a point's score is its distance from the mean
 * <em>before</em> it arrived, in standard deviations, over the threshold. The sd has a floor
 * relative to the mean's size so a flat series (all zeros, a constant gauge) does not alarm on
 * rounding noise, while any real step off a flat line still does. A point at least {@code clip} sd
 * off moves the mean by at most {@code clip} sd and leaves the variance alone: an outlier cannot
 * blow the variance up and hide the next one, a level shift alarms until the mean has walked to it,
 * and a ramp steeper than the mean can follow keeps scoring higher (a plain EWMA variance grows
 * with a ramp as fast as the deviation does, so its z-score never reaches the line). At the end of
 * the warm-up its statistics are learnt again from the warm-up points near their median only, so a
 * mesh still warming up or the first seconds of a fault do not set the sd later points are judged by.
 */
public final class EwmaDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("ewma",
            "exponentially weighted mean and variance, z-score of each point against the mean before it",
            List.of(
                    ParamSpec.positive("alpha", 1, 0.05, "smoothing factor of mean and variance (higher forgets faster)"),
                    ParamSpec.positive("threshold", 1000, 4, "alarm when |value - mean| >= threshold * sd"),
                    ParamSpec.whole("warmup", 2, 100_000, 20, "points seen before the first score"),
                    ParamSpec.real("sdFloor", 0, 1, 0.01, "sd is at least this fraction of |mean| (and 1e-9)"),
                    ParamSpec.real("clip", 1, 1000, 2.5, "a point this many sd off moves the mean by at most that much, the variance not at all"),
                    ParamSpec.real("sdMemory", 0, 1, 0, "sd is at least this fraction of the long-run sd (a hundred times slower EWMA of the variance): "
                            + "a series that sat still for minutes does not alarm on its next ordinary wobble")),
            EwmaDetector::new);

    static final double WARMUP_OUTLIER_MADS = 5;
    /** The long-run variance ({@code sdMemory}) forgets this many times slower than the one points are judged by. */
    static final double LONG_RUN_SLOWER = 100;

    private final double alpha;
    private final double threshold;
    private final int warmup;
    private final double sdFloor;
    private final double clip;
    private final double sdMemory;

    public EwmaDetector(Params params) {
        super(KIND, params);
        this.alpha = params.get("alpha");
        this.threshold = params.get("threshold");
        this.warmup = params.getInt("warmup");
        this.sdFloor = params.get("sdFloor");
        this.clip = params.get("clip");
        this.sdMemory = params.get("sdMemory");
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
        private double longVariance;
        private double lastValue;
        private double lastMean;
        private double lastSd;
        private double lastScore;
        private final double[] warm = new double[Math.min(warmup, 100_000)];

        @Override
        public double next(double value) {
            double score = 0;
            double sd = Math.max(Math.max(Math.sqrt(variance), sdMemory * Math.sqrt(longVariance)), Math.max(sdFloor * Math.abs(mean), 1e-9));
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
                double slow = alpha / LONG_RUN_SLOWER;
                longVariance = (1 - slow) * (longVariance + slow * diff * diff);
            }
            if (seen < warm.length) {
                warm[(int) seen] = value;
                if (seen == warm.length - 1) {
                    relearnWarmupWithoutOutliers();
                }
            }
            seen++;
            return score;
        }

        /**
         * At the end of the warm-up, its statistics again from its points within {@link #WARMUP_OUTLIER_MADS}
         * robust sd of their median: a mesh still warming up (a few latencies of 100 ms among 1 ms ones), or
         * the first seconds of a fault, must not set the sd that later points are judged against.
         */
        private void relearnWarmupWithoutOutliers() {
            double[] sorted = warm.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            double[] dev = new double[sorted.length];
            for (int i = 0; i < dev.length; i++) {
                dev[i] = Math.abs(warm[i] - median);
            }
            Arrays.sort(dev);
            double band = WARMUP_OUTLIER_MADS * 1.4826 * dev[dev.length / 2];
            if (band <= 0) {
                longVariance = variance;
                return;
            }
            boolean first = true;
            for (double v : warm) {
                if (Math.abs(v - median) > band) {
                    continue;
                }
                if (first) {
                    mean = v;
                    variance = 0;
                    first = false;
                } else {
                    double diff = v - mean;
                    double increment = alpha * diff;
                    mean += increment;
                    variance = (1 - alpha) * (variance + diff * increment);
                }
            }
            longVariance = variance; // the long run starts from the warm-up's own spread
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
