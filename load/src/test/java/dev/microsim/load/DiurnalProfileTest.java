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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiurnalProfileTest {
    @Test
    void perSecondCountsAtTheServerFollowThePlannedSine() throws Exception {
        // One 8s "day": 150/s +- 120/s, with 5% seeded noise per second.
        var diurnal = new LoadProfile.Diurnal(Rate.perSecond(150), Rate.perSecond(120), Duration.ofSeconds(8), 0.05);
        try (LoopbackServer server = new LoopbackServer(Duration.ZERO)) {
            LoadPlan plan = new LoadPlan(List.of(LoadSpec.of("day", diurnal, EndpointRef.parse("frontend GET /home"))),
                    ref -> URI.create(server.url(ref.endpoint().path())), Duration.ofSeconds(8), 3, Duration.ofSeconds(1));

            LoadResult result = new GatlingLoadRunner().run(plan, ClientStatsSink.NONE);

            double[] served = ServerCounts.perBucket(server.arrivalNanos(), 1000, 8);
            double[] planned = IntStream.range(0, 8).mapToDouble(s -> diurnal.rateAt(Duration.ofMillis(s * 1000L + 500))).toArray();
            double r = Stats.correlation(planned, served);
            assertThat(r).as("correlation of %s with %s", Arrays.toString(served), Arrays.toString(planned)).isGreaterThanOrEqualTo(0.95);
            // one full period: about base * period arrivals (noise is 5% per second, so well within 5% overall)
            assertThat(result.requests()).isBetween(1140L, 1260L);
        }
    }
}
