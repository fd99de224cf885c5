package dev.microsim.model.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestKey#mix} is the JDK's SplitMix64 output written out: every request key, request
 * stream and span id of a run is made from it, so it must give exactly what
 * {@code new SplittableRandom(z).nextLong()} gives, or every dataset of a seed would change.
 */
class RequestKeyMixTest {
    @Test
    void mixIsTheFirstOutputOfASplittableRandomSeededWithTheInput() {
        SplittableRandom inputs = new SplittableRandom(42);
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L, -0x9E3779B97F4A7C15L};
        for (long z : edges) assertThat(RequestKey.mix(z)).as("mix(%d)", z).isEqualTo(new SplittableRandom(z).nextLong());
        for (int i = 0; i < 100_000; i++) {
            long z = inputs.nextLong();
            assertThat(RequestKey.mix(z)).as("mix(%d)", z).isEqualTo(new SplittableRandom(z).nextLong());
        }
        assertThat(RequestKey.mix(1)).isNotEqualTo(RequestKey.mix(2));
    }
}
