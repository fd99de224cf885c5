package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Rate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JourneysTest {
    @Test
    void weightedJourneysUnderPoissonArrivalsStopAtTheRequestBudgetAndCountErrorsByStatus() throws Exception {
        EndpointRef home = EndpointRef.parse("frontend GET /home");
        EndpointRef product = EndpointRef.parse("catalog GET /product");
        EndpointRef cart = EndpointRef.parse("cart POST /cart");
        EndpointRef broken = EndpointRef.parse("payment GET /fail");
        Distribution think = new Distribution.Constant(Duration.ofMillis(20));
        var journeys = new Workload.Journeys(List.of(
                new Workload.Journey("browse", 6, List.of(new Workload.Visit(home, think), new Workload.Visit(product, null))),
                new Workload.Journey("buy", 3, List.of(new Workload.Visit(home, think), new Workload.Visit(cart, think))),
                new Workload.Journey("pay", 1, List.of(new Workload.Visit(broken, null)))));
        try (LoopbackServer server = new LoopbackServer(Duration.ZERO)) {
            // ~150 arrivals/s of ~1.9 requests each for up to 10s, but at most 600 requests.
            LoadSpec spec = new LoadSpec("shop", new LoadProfile.Poisson(Rate.perSecond(150)), journeys, Duration.ZERO,
                    Optional.empty(), Optional.of(600L));
            LoadPlan plan = new LoadPlan(List.of(spec), ref -> URI.create(server.url(ref.endpoint().path())), Duration.ofSeconds(10), 21,
                    Duration.ofMillis(500));
            List<ClientStats> seen = new CopyOnWriteArrayList<>();

            LoadResult result = new GatlingLoadRunner().run(plan, seen::add);

            Map<String, Long> byPath = server.paths().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(result.requests()).isEqualTo(600);
            assertThat(server.paths()).hasSize(600);
            // Journeys by weight 6:3:1 (each browse and buy journey visits /home first). With ~320
            // journeys the share of "pay" has a standard deviation of ~0.017; 4 of them either way.
            long pay = byPath.getOrDefault("/fail", 0L);
            long browse = byPath.getOrDefault("/product", 0L);
            long buy = byPath.getOrDefault("/cart", 0L);
            double journeysSeen = pay + byPath.getOrDefault("/home", 0L);
            assertThat(pay / journeysSeen).isBetween(0.03, 0.17);
            assertThat((double) browse / (browse + buy)).isBetween(0.55, 0.78);
            // errors: the 503s of /fail, reported per target and by status
            assertThat(result.errors()).isEqualTo(pay);
            Map<String, Long> perTarget = seen.stream().collect(Collectors.groupingBy(ClientStats::target, Collectors.summingLong(ClientStats::requests)));
            assertThat(perTarget).containsEntry("payment GET /fail", pay).containsEntry("cart POST /cart", buy)
                    .containsEntry("catalog GET /product", browse);
            assertThat(seen.stream().filter(s -> s.target().equals("payment GET /fail")).mapToLong(s -> s.byStatus().getOrDefault(503, 0L)).sum())
                    .isEqualTo(pay);
            assertThat(seen.stream().mapToLong(ClientStats::errors).sum()).isEqualTo(pay);
            assertThat(result.stoppedEarly()).isFalse();
        }
    }
}
