package dev.microsim.model.dist;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A distribution of durations (compute time, sleep time, injected delay). Sampling takes the
 * caller's seeded generator so that the same scenario and seed give the same draws.
 */
public sealed interface Distribution
        permits Distribution.Constant, Distribution.Uniform, Distribution.Normal, Distribution.LogNormal, Distribution.Exponential {

    /** One draw, never negative. */
    Duration sample(RandomGenerator random);

    /** The expected value, for capacity estimates and fast mode. */
    Duration mean();

    /** How a user would write it back, e.g. {@code lognormal(median=3ms, p99=20ms)}. */
    String description();

    record Constant(Duration value) implements Distribution {
        public Constant {
            requireNonNegative("value", value);
        }

        public Duration sample(RandomGenerator random) {
            return value;
        }

        public Duration mean() {
            return value;
        }

        public String description() {
            return dev.microsim.model.units.Durations.format(value);
        }
    }

    record Uniform(Duration min, Duration max) implements Distribution {
        public Uniform {
            requireNonNegative("min", min);
            requireNonNegative("max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max (" + max + ") must be >= min (" + min + ")");
            }
        }

        public Duration sample(RandomGenerator random) {
            long span = max.toNanos() - min.toNanos();
            return Duration.ofNanos(min.toNanos() + (span == 0 ? 0 : (long) (random.nextDouble() * span)));
        }

        public Duration mean() {
            return min.plus(max).dividedBy(2);
        }

        public String description() {
            return "uniform(min=" + fmt(min) + ", max=" + fmt(max) + ")";
        }
    }

    /** Normal, truncated at zero (a negative draw becomes zero). */
    record Normal(Duration mean, Duration stddev) implements Distribution {
        public Normal {
            requireNonNegative("mean", mean);
            requireNonNegative("stddev", stddev);
        }

        public Duration sample(RandomGenerator random) {
            double v = mean.toNanos() + random.nextGaussian() * stddev.toNanos();
            return Duration.ofNanos(Math.max(0, Math.round(v)));
        }

        public String description() {
            return "normal(mean=" + fmt(mean) + ", stddev=" + fmt(stddev) + ")";
        }
    }

    /**
     * Log-normal given by its median and 99th percentile, the way latency is usually known.
     * sigma = ln(p99/median) / z(0.99).
     */
    record LogNormal(Duration median, Duration p99) implements Distribution {
        static final double Z99 = 2.3263478740408408;

        public LogNormal {
            requireNonNegative("median", median);
            requireNonNegative("p99", p99);
            if (median.isZero()) throw new IllegalArgumentException("median must be > 0");
            if (p99.compareTo(median) < 0) {
                throw new IllegalArgumentException("p99 (" + fmt(p99) + ") must be >= median (" + fmt(median) + ")");
            }
        }

        public double sigma() {
            return Math.log((double) p99.toNanos() / median.toNanos()) / Z99;
        }

        public Duration sample(RandomGenerator random) {
            return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(sigma() * random.nextGaussian())));
        }

        public Duration mean() {
            double s = sigma();
            return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(s * s / 2)));
        }

        public String description() {
            return "lognormal(median=" + fmt(median) + ", p99=" + fmt(p99) + ")";
        }
    }

    record Exponential(Duration mean) implements Distribution {
        public Exponential {
            requireNonNegative("mean", mean);
        }

        public Duration sample(RandomGenerator random) {
            return Duration.ofNanos(Math.round(-Math.log(1 - random.nextDouble()) * mean.toNanos()));
        }

        public String description() {
            return "exponential(mean=" + fmt(mean) + ")";
        }
    }

    private static void requireNonNegative(String name, Duration d) {
        if (d == null) throw new IllegalArgumentException(name + " is required");
        if (d.isNegative()) throw new IllegalArgumentException(name + " must be >= 0, got " + fmt(d));
    }

    private static String fmt(Duration d) {
        return dev.microsim.model.units.Durations.format(d);
    }

    static Distribution constant(Duration d) { // convenience for code and tests
        return new Constant(d);
    }
}
