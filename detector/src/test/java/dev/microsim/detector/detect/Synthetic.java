package dev.microsim.detector.detect;

import java.util.Random;

/**
 * Seeded synthetic series for detector tests: a daily-like seasonal pattern (period {@link #PERIOD})
 * with Gaussian noise, and the same series with one planted anomaly at {@link #ONSET}.
 */
public final class Synthetic {

    public static final int LENGTH = 2400;
    public static final int PERIOD = 60;
    public static final int ONSET = 1800;
    public static final double LEVEL = 100;
    public static final double AMPLITUDE = 20;
    public static final double NOISE = 2;

    private Synthetic() {
    }

    public static double[] seasonal(long seed) {
        Random random = new Random(seed);
        double[] x = new double[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            x[i] = LEVEL + AMPLITUDE * Math.sin(2 * Math.PI * i / PERIOD) + NOISE * random.nextGaussian();
        }
        return x;
    }

    /** One point far off the pattern. */
    public static double[] spike(long seed) {
        double[] x = seasonal(seed);
        x[ONSET] += 6 * AMPLITUDE;
        return x;
    }

    /** The level moves up and stays there. */
    public static double[] levelShift(long seed) {
        double[] x = seasonal(seed);
        for (int i = ONSET; i < LENGTH; i++) {
            x[i] += 3 * AMPLITUDE;
        }
        return x;
    }

    /** A ramp starts: the level climbs steadily from the onset on. */
    public static double[] trendChange(long seed) {
        double[] x = seasonal(seed);
        for (int i = ONSET; i < LENGTH; i++) {
            x[i] += 0.25 * AMPLITUDE * (i - ONSET);
        }
        return x;
    }

    public static double[] whiteNoise(long seed, int n) {
        Random random = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + random.nextGaussian();
        }
        return x;
    }

    public static double[] randomWalk(long seed, int n) {
        Random random = new Random(seed);
        double[] x = new double[n];
        double v = 100;
        for (int i = 0; i < n; i++) {
            v += random.nextGaussian();
            x[i] = v;
        }
        return x;
    }

    /** Index of the first score {@code >= 1} at or after {@code from}, or -1. */
    public static int firstAlarm(double[] scores, int from) {
        for (int i = from; i < scores.length; i++) {
            if (scores[i] >= 1.0) {
                return i;
            }
        }
        return -1;
    }
}
