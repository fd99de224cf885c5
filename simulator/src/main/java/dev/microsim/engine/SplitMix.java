package dev.microsim.engine;

import dev.microsim.model.request.RequestKey;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A request's stream of draws: exactly the values {@code new SplittableRandom(seed)} gives (SplitMix64:
 * the seed advances by the golden gamma, each output is its finaliser), without its cost. On JDK 17
 * every {@link SplittableRandom} also allocates a proxy object, and fast mode makes one per request
 * per hop. Only {@link #nextLong}, {@link #nextInt()} and {@link #nextDouble} are written out; every
 * other draw is {@link RandomGenerator}'s default over them, which is what {@link SplittableRandom}
 * does too ({@code SplitMixTest} checks each draw the engine and the distributions use against it).
 * Not splittable and not thread-safe: one request, one thread. A {@link Request} is its own stream
 * (it extends this), so a request in fast mode costs one object less per hop.
 */
class SplitMix implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long seed;

    SplitMix(long seed) {
        this.seed = seed;
    }

    @Override
    public long nextLong() {
        long z = seed;
        seed = z + GOLDEN_GAMMA;
        return RequestKey.mix(z);
    }

    @Override
    public int nextInt() {
        long z = (seed += GOLDEN_GAMMA);
        z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
        return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
