package dev.microsim.detector.rank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankersTest {
    @Test
    void everyNameGivesTheRankerOfThatNameAndAnUnknownNameGivesNone() {
        for (String name : Rankers.NAMES) {
            // BARO and NSigma call themselves "<name>-all" when they also read trace and log signals.
            assertThat(Rankers.byName(name)).get().extracting(RootCauseRanker::name).asString().startsWith(name);
        }
        assertThat(Rankers.byName("Microsim")).isEmpty();
        assertThat(Rankers.byName("")).isEmpty();
        assertThat(Rankers.namesInWords()).isEqualTo("microsim, nsigma, baro or most-anomalous");
    }
}
