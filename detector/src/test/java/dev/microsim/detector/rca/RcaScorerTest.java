package dev.microsim.detector.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RcaScorerTest {

    private static Fault fault(String id, String kind, String... rootCauses) {
        Instant t = Instant.parse("2026-11-24T15:00:00Z");
        return new Fault(id, kind, new TimeWindow(t, t.plusSeconds(60)), List.of(rootCauses), List.of());
    }

    @Test
    void acAtKAndAvgAtKFollowTheRankOfTheRootCause() {
        List<Fault> faults = List.of(fault("a", "latency", "cart"), fault("b", "latency", "db"), fault("c", "crash", "auth"));
        Map<String, List<String>> rankings = Map.of(
                "a", List.of("cart", "db"),                        // rank 1
                "b", List.of("cart", "front", "db"),               // rank 3
                "c", List.of("x", "y", "z", "w", "v", "auth"));    // rank 6: beyond k = 5

        RcaScore score = new RcaScorer().score(faults, rankings);

        assertThat(score.faults()).extracting(f -> f.rank().getAsInt()).containsExactly(1, 3, 6);
        // AC@1 = 1/3, AC@2 = 1/3, AC@3..5 = 2/3
        assertThat(score.overall().acAtK()).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3}, within(1e-12));
        assertThat(score.overall().avgAtK()).isCloseTo((1.0 / 3 * 2 + 2.0 / 3 * 3) / 5, within(1e-12));
        assertThat(score.byKind().get("latency").acAtK()[0]).isCloseTo(0.5, within(1e-12));
        assertThat(score.byKind().get("crash").acAtK()[4]).isZero();
    }

    @Test
    void severalRootCausesAreCountedUpToK() {
        RcaScore score = new RcaScorer().score(List.of(fault("a", "partition", "cart", "db")),
                Map.of("a", List.of("cart", "x", "db")));
        // AC@1 = 1/min(1,2) = 1; AC@2 = 1/2; AC@3 = 2/2
        assertThat(score.overall().acAtK()).containsExactly(new double[] {1.0, 0.5, 1.0, 1.0, 1.0}, within(1e-12));
    }

    @Test
    void unrankedFaultScoresZeroAndHasNoRank() {
        RcaScore score = new RcaScorer().score(List.of(fault("a", "latency", "cart")), Map.of());
        assertThat(score.faults().get(0).rank()).isEmpty();
        assertThat(score.overall().avgAtK()).isZero();
    }
}
