package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.units.Rate;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeProfileTest {
    @Test
    void theBurstArrivesAtThePlannedTime() throws Exception {
        // 40/s, with 400/s from 2.5s to 3.5s, for 5s.
        var spike = new LoadProfile.Spike(Rate.perSecond(40), Rate.perSecond(400), Duration.ofMillis(2500), Duration.ofSeconds(1));
        try (LoopbackServer server = new LoopbackServer(Duration.ZERO)) {
            LoadPlan plan = new LoadPlan(List.of(LoadSpec.of("burst", spike, EndpointRef.parse("frontend GET /home"))),
                    ref -> URI.create(server.url(ref.endpoint().path())), Duration.ofSeconds(5), 5, Duration.ofSeconds(1));

            new GatlingLoadRunner().run(plan, ClientStatsSink.NONE);

            // 250ms buckets from the first arrival (planned 12.5ms after the start): 10 per bucket
            // before and after, 100 per bucket during the spike.
            double[] buckets = ServerCounts.perBucket(server.arrivalNanos(), 250, 20);
            String shown = Arrays.toString(buckets);
            int firstHigh = -1;
            for (int b = 0; b < buckets.length && firstHigh < 0; b++) {
                if (buckets[b] > 55) firstHigh = b;
            }
            assertThat(firstHigh).as("first bucket above the midpoint in %s", shown).isBetween(9, 10); // 2.25s..2.75s
            double during = Arrays.stream(buckets, 10, 14).sum();
            double before = Arrays.stream(buckets, 1, 9).sum();
            assertThat(during).as("arrivals in 2.5s..3.5s of %s", shown).isBetween(340.0, 450.0);
            assertThat(before).as("arrivals in 0.25s..2.25s of %s", shown).isBetween(60.0, 100.0);
        }
    }
}
