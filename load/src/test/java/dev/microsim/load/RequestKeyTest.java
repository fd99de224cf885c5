package dev.microsim.load;

import dev.microsim.model.request.RequestKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Rate;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Request keys name a request by its place in the plan, so two runs of one seeded plan stamp the same keys. */
class RequestKeyTest {
    @Test
    void keysAreDistinctAcrossEntriesArrivalsAndVisitsAndRoundTripThroughTheHeader() {
        Set<Long> seen = new HashSet<>();
        for (int entry = 0; entry < 4; entry++) {
            for (long arrival = 0; arrival < 2_000; arrival++) {
                for (int visit = 0; visit < 4; visit++) {
                    long key = RequestKey.of(entry, arrival, visit);
                    assertThat(seen.add(key)).as("key of (%d, %d, %d) is new", entry, arrival, visit).isTrue();
                    assertThat(RequestKey.parse(RequestKey.format(key))).isEqualTo(key);
                }
            }
        }
        assertThat(RequestKey.format(-1L)).isEqualTo("ffffffffffffffff");
        assertThat(RequestKey.closedArrival(3, 7)).isNotEqualTo(RequestKey.closedArrival(7, 3));
    }

    @Test
    void aBadHeaderValueIsRejectedNamingTheHeaderAndTheValue() {
        assertThatThrownBy(() -> RequestKey.parse("xyz")).hasMessageContaining("x-microsim-key").hasMessageContaining("\"xyz\"");
        assertThatThrownBy(() -> RequestKey.parse("12345678901234567")).hasMessageContaining("12345678901234567");
        assertThatThrownBy(() -> RequestKey.parse("")).hasMessageContaining("x-microsim-key");
        assertThatThrownBy(() -> RequestKey.of(0, -1, 0)).hasMessageContaining("arrival").hasMessageContaining("-1");
    }

    /**
     * Two Gatling runs of the same seeded plan (Poisson arrivals, weighted journeys of 1 or 3
     * visits) stamp the same (path, key) pairs, each key being that of (entry 0, an arrival of the
     * schedule, the visit's position in its journey).
     */
    @Test
    void twoRunsOfOneSeededPlanStampTheSameKeys() throws Exception {
        EndpointRef a = EndpointRef.parse("front GET /a");
        EndpointRef b = EndpointRef.parse("front GET /b");
        EndpointRef c = EndpointRef.parse("front GET /c");
        EndpointRef d = EndpointRef.parse("front GET /d");
        var journeys = new Workload.Journeys(List.of(
                new Workload.Journey("long", 1, List.of(new Workload.Visit(a, null), new Workload.Visit(b, null), new Workload.Visit(c, null))),
                new Workload.Journey("short", 1, List.of(new Workload.Visit(d, null)))));
        LoadSpec spec = new LoadSpec("shop", new LoadProfile.Poisson(Rate.perSecond(25)), journeys, Duration.ZERO, Optional.empty(),
                Optional.empty());
        try (LoopbackServer server = new LoopbackServer(Duration.ZERO)) {
            LoadPlan plan = new LoadPlan(List.of(spec), ref -> URI.create(server.url(ref.endpoint().path())), Duration.ofSeconds(2), 9,
                    Duration.ofMillis(500));
            long arrivals = PlanCompiler.compile(plan).get(0).schedule().orElseThrow().total();
            long planned = plannedRequests(journeys, plan.seed(), arrivals);
            new GatlingLoadRunner().run(plan, ClientStatsSink.NONE);
            List<String> first = awaitKeyedPaths(server, planned).stream().sorted().toList();
            new GatlingLoadRunner().run(plan, ClientStatsSink.NONE);
            List<String> both = awaitKeyedPaths(server, 2 * planned); // the server saw both runs

            assertThat(arrivals).isGreaterThan(20);
            assertThat(first).as("requests of one run: %d arrivals, each the visits of its seeded journey", arrivals).hasSize((int) planned);
            assertThat(both).hasSize(2 * first.size());
            Map<String, Long> counts = new HashMap<>();
            both.forEach(x -> counts.merge(x, 1L, Long::sum));
            assertThat(counts.values()).as("every (path, key) of one run is also in the other, once").containsOnly(2L);

            Map<String, String> expected = new HashMap<>(); // key -> "visit v"
            for (long s = 0; s < arrivals; s++) for (int v = 0; v < 3; v++) expected.put(RequestKey.format(RequestKey.of(0, s, v)), "visit " + v);
            for (String pathKey : first) {
                String[] parts = pathKey.split(" ");
                String visit = switch (parts[0]) {
                    case "/a", "/d" -> "visit 0";
                    case "/b" -> "visit 1";
                    default -> "visit 2";
                };
                assertThat(expected.get(parts[1])).as(pathKey).isEqualTo(visit);
            }
            assertThat(first).hasSizeGreaterThanOrEqualTo((int) arrivals);
        }
    }

    /** What one run of the plan sends: each arrival's journey is its user's first seeded draw, as Gatling picks it. */
    private static long plannedRequests(Workload.Journeys journeys, long seed, long arrivals) {
        long requests = 0;
        for (long s = 0; s < arrivals; s++) {
            requests += journeys.journeys().get(UserDraws.pickJourney(journeys, UserDraws.userRandom(seed, 0, s))).visits().size();
        }
        return requests;
    }

    /**
     * The server's list once it holds {@code count} requests (polled every 20 ms, 30 s at most): the
     * load's end does not wait for the server to have counted its last requests, so a list read at
     * once may lack a few. After the deadline the list is returned as it is, for the assertions to report.
     */
    private static List<String> awaitKeyedPaths(LoopbackServer server, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> seen = server.keyedPaths();
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = server.keyedPaths();
        }
        return seen;
    }
}
