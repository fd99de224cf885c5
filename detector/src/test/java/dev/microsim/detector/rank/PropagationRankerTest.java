package dev.microsim.detector.rank;

import static dev.microsim.detector.rank.SyntheticMesh.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagationRankerTest {

    private final PropagationRanker ranker = new PropagationRanker();

    @Test
    void findsARootCauseDownstreamOfWhereTheSymptomsAreLoudest() {
        // db got 50 ms slower on its own; front and mid wait as long, and front's latency is the steadiest series,
        // so its z is the largest of all: the loudest symptom is two hops above the cause
        Map<String, double[]> changes = Map.of(
                "db", change(50, 0, 0, 0, 50),
                "mid", change(50),
                "front", change(50),
                "mid->db", change(50),
                "front->mid", change(50));
        Observations obs = SyntheticMesh.healthy(1, true, changes).observations();
        Ranking ranking = ranker.rank(obs, SyntheticMesh.faultWindow());

        assertThat(ranking.services().get(0)).isEqualTo("db");
        assertThat(ranking.candidates().get(0).explanation()).contains("latency: its own processing got slower", "db trace_self_ms");
        // the baseline that looks for the most anomalous series alone is fooled by the louder symptoms upstream
        Ranking naive = new MostAnomalousServiceRanker().rank(obs, SyntheticMesh.faultWindow());
        assertThat(naive.candidates().get(0).score()).isGreaterThan(ChangeScore.ONSET_Z);
    }

    @Test
    void findsARootCauseUpstreamOfWhereTheSymptomsAreLoudest() {
        // front's bad deploy: 20 % of its requests fail there and its CPU triples; the shared machine slows db
        // down a lot (db's latency is the loudest series), but nothing in db starts an error
        Map<String, double[]> changes = Map.of(
                "front", change(205, 0.2, 400, 0, 5, 0.2),
                "db", change(200, 0, 0, 0, 8),
                "mid", change(200),
                "mid->db", change(200),
                "front->mid", change(200));
        Observations obs = SyntheticMesh.healthy(2, true, changes).observations();
        Ranking ranking = ranker.rank(obs, SyntheticMesh.faultWindow());

        assertThat(ranking.services().get(0)).isEqualTo("front");
        assertThat(ranking.candidates().get(0).explanation()).contains("errors: errors start there", "resources: its CPU use rose");
        Ranking naive = new MostAnomalousServiceRanker().rank(obs, SyntheticMesh.faultWindow());
        assertThat(naive.services().get(0)).isNotEqualTo("front");
    }

    @Test
    void blamesTheCalleeOfCallsThatGetNoAnswer() {
        Map<String, double[]> changes = Map.of(
                "front", change(0, 0.5),
                "mid", change(300, 0, 0, 0, 0, 0),
                "mid->db", change(300, 0.9, 0.9));
        Ranking ranking = ranker.rank(SyntheticMesh.healthy(3, true, changes).observations(), SyntheticMesh.faultWindow());
        assertThat(ranking.services().get(0)).isEqualTo("db");
        assertThat(ranking.candidates().get(0).explanation()).contains("unreachable: calls into it got no answer");
    }

    @Test
    void withoutTracesStillRanksOnMetricsAndSaysSo() {
        Map<String, double[]> changes = Map.of("mid", change(0, 0, 0, 300 << 20));
        Observations obs = SyntheticMesh.healthy(4, false, changes).observations();
        Ranking ranking = ranker.rank(obs, SyntheticMesh.faultWindow());
        assertThat(ranking.services()).containsExactlyInAnyOrder("front", "mid", "db");
        assertThat(ranking.services().get(0)).isEqualTo("mid");
        assertThat(ranking.candidates().get(0).explanation()).contains("resources: its memory grew");
        assertThat(ranking.notes()).anyMatch(n -> n.startsWith("no traces"));
    }

    @Test
    void staysUndecidedOnHealthyData() {
        Ranking ranking = ranker.rank(SyntheticMesh.healthy(5, true, Map.of()).observations(), SyntheticMesh.faultWindow());
        assertThat(ranking.candidates()).allSatisfy(c -> assertThat(c.score()).isLessThan(2 * ChangeScore.ONSET_Z));
    }

    @Test
    void describesItselfAndValidatesItsSettings() {
        assertThat(ranker.description()).startsWith("MicroSim RCA: local evidence per service");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PropagationRanker.Settings(1, 2, -1, 0.1))
                .hasMessageStartingWith("cap must be > 3.0, victimDiscount in [0, 1], logBonus >= 0");
    }
}
