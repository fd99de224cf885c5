package dev.microsim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.dist.Distribution;
import dev.microsim.sim.PlatformCosts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlatformCostBench} reads back what fast mode modelled: its own mesh run in fast mode on known
 * constant costs gives those costs again, so the bench measures each cost where the model places it
 * (the live run then says what the live platform's costs are, in the same terms).
 */
class PlatformCostBenchReadTest {
    @Test
    void theBenchMeasuresBackTheCostsFastModeModelled(@TempDir Path tmp) throws Exception {
        PlatformCosts given = PlatformCosts.constant(Duration.ofNanos(60_000), Duration.ofNanos(30_000), Duration.ofMillis(1), Duration.ofNanos(110_000))
                .withPlacement(Duration.ofNanos(12_000), 0.1, Duration.ofNanos(90_000), PlatformCostBench.WAKE_AFTER);
        Path out = tmp.resolve("fast");
        Calibration.fast(PlatformCostBench.scenario(Duration.ofSeconds(20)), out, given);
        PlatformCostBench.Measured m = PlatformCostBench.read(out, Duration.ofSeconds(5));
        assertThat(m.server()[0]).as("server overhead").isEqualTo(12);
        assertThat(m.warmRoundTrip()[0]).as("warm round trip: two hops").isEqualTo(120);
        assertThat(m.coldRoundTrip()[0]).as("after a sleep: two hops and the wake-up").isEqualTo(210);
        assertThat(m.compute().get("compute 100us")[0]).isEqualTo(30 + 10);
        assertThat(m.compute().get("compute 1000us")[0]).isEqualTo(30 + 100);
        assertThat(m.afterCompute100()[0]).as("152 us after the request came: warm").isEqualTo(120);
        assertThat(m.afterCompute1000()[0]).as("after 1 ms of CPU: cold").isEqualTo(210);
        assertThat(m.placed()).isEqualTo(given);
        assertThat(m.placed().hop()).isEqualTo(new Distribution.Constant(Duration.ofNanos(60_000)));
    }
}
