package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The progress line's rate for a steady 20/s load: the client count grows by 20 once per second (a
 * stats interval) while progress is reported every 250 ms, a little out of step with it. The old
 * one-second windows showed 16-32 rps for it.
 */
class ProgressRateTest {
    @Test
    void aSteadyLoadShowsASteadyRate() {
        ProgressDisplay.Rate rate = new ProgressDisplay.Rate();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (long call = 0; call < 120; call++) {
            long elapsed = call * 250_000_000L + 7_000_000L * (call % 3); // reported every 250 ms, with jitter
            long intervalsDone = Math.max(0, (elapsed - 130_000_000L) / 1_000_000_000L); // counts land 130 ms after each second
            double rps = rate.update(elapsed, 20 * intervalsDone);
            if (call >= 40) {
                min = Math.min(min, rps);
                max = Math.max(max, rps);
            }
        }
        assertThat(min).isGreaterThan(19.0);
        assertThat(max).isLessThan(21.0);
    }

    @Test
    void noRateUntilTheCountMoves() {
        ProgressDisplay.Rate rate = new ProgressDisplay.Rate();
        assertThat(rate.update(0, 0)).isZero();
        assertThat(rate.update(1_000_000_000L, 0)).isZero();
        assertThat(rate.update(2_000_000_000L, 20)).isEqualTo(10.0);
    }
}
