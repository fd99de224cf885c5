package dev.microsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A request's stream must draw exactly what {@link SplittableRandom} of the same seed draws, draw by
 * draw and in any mix of kinds, or every dataset of a seed would change with the engine's internals.
 */
class SplitMixTest {
    /** Every kind of draw the interpreter, the distributions and the fault effects make, and the other common ones. */
    private static final java.util.List<ToDoubleFunction<RandomGenerator>> DRAWS = java.util.List.of(
            RandomGenerator::nextDouble, RandomGenerator::nextGaussian, RandomGenerator::nextLong, RandomGenerator::nextInt,
            r -> r.nextInt(7), r -> r.nextInt(3, 1000), r -> r.nextLong(1L << 40), r -> r.nextDouble(2.5), r -> r.nextDouble(-1, 1),
            r -> r.nextGaussian(10, 3), RandomGenerator::nextExponential, r -> r.nextBoolean() ? 1 : 0, RandomGenerator::nextFloat);

    @Test
    void drawsWhatASplittableRandomOfTheSameSeedDraws() {
        SplittableRandom seeds = new SplittableRandom(7);
        SplittableRandom kinds = new SplittableRandom(8);
        for (int s = 0; s < 2_000; s++) {
            long seed = s < 3 ? s - 1 : seeds.nextLong();
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix ours = new SplitMix(seed);
            for (int i = 0; i < 200; i++) {
                int k = kinds.nextInt(DRAWS.size());
                double expected = DRAWS.get(k).applyAsDouble(jdk);
                assertThat(DRAWS.get(k).applyAsDouble(ours)).as("seed %d, draw %d of kind %d", seed, i, k).isEqualTo(expected);
            }
        }
    }
}
