package dev.microsim.load;

import dev.microsim.model.request.RequestKey;
import dev.microsim.model.scenario.LoadProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The planned arrival instants of one open-model load entry, fixed by the profile, the entry's
 * length, its request budget and the seed before any load is sent.
 *
 * <p>It is computed per second: second {@code s} holds {@code count(s)} arrivals. Deterministic
 * profiles get the integral of {@link LoadProfile.Open#rateAt} over that second (rounded on the
 * running total, so no fraction is lost), placed inside the second by the inverse of the rate's
 * cumulative curve there (in 10ms steps): evenly under a flat rate, and a spike that starts at
 * 2.5s really starts at 2.5s. {@link LoadProfile.Diurnal}
 * multiplies each second's rate by {@code 1 + noise * N(0,1)} (seeded). {@link LoadProfile.Poisson}
 * draws each second's count from a Poisson law (seeded, by counting exponential gaps) and places
 * the arrivals uniformly at random inside the second (seeded per arrival): given its count, a
 * Poisson process's arrival times are independent and uniform, so this is an exact Poisson
 * process and not an approximation.
 *
 * <p>Why not Gatling's own steps: {@code constantUsersPerSec(..).randomized()} draws from an
 * unseeded generator, Gatling's ramp and constant steps truncate durations to whole seconds, and
 * a diurnal curve would need one step per second. Here Gatling only injects each second's users
 * at once and every user waits until its own planned instant ({@link #arrivalTime}).
 */
public final class ArrivalSchedule {
    /** Sub-steps per second when integrating the rate; makes a spike edge at 2.25s land within 10ms. */
    private static final int SAMPLES_PER_SECOND = 100;

    private final Duration length;
    private final long[] cumulative; // cumulative[s] = arrivals before second s; length seconds + 1
    private final LoadProfile.Open profile;
    private final long seed;
    /** The last second's within-second curve: consecutive arrivals mostly fall in the same second. */
    private volatile Curve lastCurve;

    private record Curve(int second, double[] cdf) {}

    private ArrivalSchedule(LoadProfile.Open profile, Duration length, long[] cumulative, long seed) {
        this.profile = profile;
        this.length = length;
        this.cumulative = cumulative;
        this.seed = seed;
    }

    /**
     * @param length how long the entry runs (arrivals fall in {@code [0, length)})
     * @param maxArrivals cap on the number of arrivals (the entry's request budget), or {@code Long.MAX_VALUE}
     */
    public static ArrivalSchedule plan(LoadProfile.Open profile, Duration length, long maxArrivals, long seed) {
        if (profile == null) throw new IllegalArgumentException("profile is required");
        if (length == null || length.isNegative() || length.isZero()) throw new IllegalArgumentException("length must be > 0, got " + length);
        if (maxArrivals < 0) throw new IllegalArgumentException("maxArrivals must be >= 0, got " + maxArrivals);
        int seconds = Math.toIntExact((length.toNanos() + 999_999_999L) / 1_000_000_000L);
        long[] cumulative = new long[seconds + 1];
        SplittableRandom random = new SplittableRandom(seed);
        double planned = 0; // integral of the planned (noisy) rate so far
        for (int s = 0; s < seconds; s++) {
            double width = Math.min(1.0, seconds(length) - s);
            double expected = integral(profile, s, width);
            long count;
            if (profile instanceof LoadProfile.Poisson) {
                count = poisson(expected, random);
            } else {
                if (profile instanceof LoadProfile.Diurnal d && d.noise() > 0) {
                    expected = Math.max(0, expected * (1 + d.noise() * random.nextGaussian()));
                }
                long before = Math.round(planned);
                planned += expected;
                count = Math.round(planned) - before;
            }
            cumulative[s + 1] = Math.min(maxArrivals, cumulative[s] + count);
        }
        return new ArrivalSchedule(profile, length, cumulative, seed);
    }

    /** Total number of planned arrivals. */
    public long total() {
        return cumulative[cumulative.length - 1];
    }

    /** Number of one-second slots (the last one may be partial). */
    public int seconds() {
        return cumulative.length - 1;
    }

    /** Planned arrivals in second {@code s}. */
    public long countInSecond(int s) {
        return cumulative[s + 1] - cumulative[s];
    }

    /** Planned arrivals in seconds {@code [from, to)}. */
    public long countBetween(int from, int to) {
        return cumulative[Math.min(to, seconds())] - cumulative[Math.min(from, seconds())];
    }

    /** When arrival number {@code seq} (0-based, in {@code [0, total)}) happens, from the entry's start. */
    public Duration arrivalTime(long seq) {
        if (seq < 0 || seq >= total()) throw new IndexOutOfBoundsException("arrival " + seq + " of " + total());
        int found = Arrays.binarySearch(cumulative, seq);
        // cumulative is non-decreasing with repeats (empty seconds): find the last s with cumulative[s] <= seq
        int s = found >= 0 ? found : -found - 2;
        while (s + 1 < cumulative.length && cumulative[s + 1] <= seq) s++;
        return Duration.ofNanos(nanos(s, seq));
    }

    /**
     * {@link #arrivalTime} of arrival {@code seq} in nanoseconds, for a caller that knows its second
     * {@code s} (it plays the arrivals second by second): the same instant, without searching for the
     * second or making a {@link Duration}.
     */
    public long arrivalNanos(int s, long seq) {
        if (s < 0 || s >= seconds() || seq < cumulative[s] || seq >= cumulative[s + 1]) {
            throw new IndexOutOfBoundsException("arrival " + seq + " is not in second " + s);
        }
        return nanos(s, seq);
    }

    private long nanos(int s, long seq) {
        long index = seq - cumulative[s];
        long n = countInSecond(s);
        double width = Math.min(1.0, seconds(length) - s);
        double u = profile instanceof LoadProfile.Poisson ? uniform(seed, seq) : (index + 0.5) / n;
        return s * 1_000_000_000L + (long) (width * fractionAt(s, width, u) * 1e9);
    }

    /** Where in second {@code s} (as a fraction of its width) the share {@code u} of its planned arrivals is reached. */
    private double fractionAt(int s, double width, double u) {
        Curve curve = lastCurve;
        if (curve == null || curve.second() != s) {
            double[] cdf = new double[SAMPLES_PER_SECOND + 1];
            double step = width / SAMPLES_PER_SECOND;
            for (int i = 0; i < SAMPLES_PER_SECOND; i++) {
                cdf[i + 1] = cdf[i] + profile.rateAt(Duration.ofNanos((long) ((s + (i + 0.5) * step) * 1e9))) * step;
            }
            curve = new Curve(s, cdf);
            lastCurve = curve;
        }
        double[] cdf = curve.cdf();
        double total = cdf[SAMPLES_PER_SECOND];
        if (!(total > 0)) return u; // rounding carried an arrival into a second planned empty: spread it evenly
        double target = u * total;
        int lo = 0;
        int hi = SAMPLES_PER_SECOND;
        while (hi - lo > 1) { // last i with cdf[i] <= target
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= target) lo = mid;
            else hi = mid;
        }
        double slot = cdf[lo + 1] - cdf[lo];
        double within = slot > 0 ? (target - cdf[lo]) / slot : 0;
        return (lo + within) / SAMPLES_PER_SECOND;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double integral(LoadProfile.Open profile, int second, double width) {
        double sum = 0;
        double step = width / SAMPLES_PER_SECOND;
        for (int i = 0; i < SAMPLES_PER_SECOND; i++) {
            double t = second + (i + 0.5) * step;
            sum += profile.rateAt(Duration.ofNanos((long) (t * 1e9))) * step;
        }
        return sum;
    }

    /** A Poisson draw with the given mean: the number of unit-rate exponential gaps that fit in {@code mean}. */
    private static long poisson(double mean, SplittableRandom random) {
        long count = 0;
        double t = -Math.log(1 - random.nextDouble());
        while (t < mean) {
            count++;
            t += -Math.log(1 - random.nextDouble());
        }
        return count;
    }

    /** A uniform [0,1) value fixed by (seed, seq), independent of which thread asks first. */
    private static double uniform(long seed, long seq) {
        // new SplittableRandom(z).nextDouble(), without making one (RequestKey.mix is its first nextLong)
        return (RequestKey.mix(seed ^ (0x9E3779B97F4A7C15L * (seq + 1))) >>> 11) * 0x1.0p-53;
    }
}
