package dev.microsim.detector.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.ServiceScore;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.TimeGrid;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelineAnomaliesTest {

    private static final int BINS = 200;
    private static final Observations OBSERVATIONS = new Observations("t", new TimeGrid(0, 1000, BINS), List.of(), Optional.empty(), List.of());

    /** db: quiet at 0.5, a lone spike at 50, a planted anomaly 100..104 inside an episode the pipeline kept until 110. */
    private static DetectionResult result() {
        long[] millis = IntStream.range(0, BINS).mapToLong(b -> b * 1000L).toArray();
        double[] scores = new double[BINS];
        Arrays.fill(scores, 0.5);
        scores[50] = 10;
        boolean[] alarms = new boolean[BINS];
        for (int b = 100; b <= 104; b++) {
            scores[b] = 10;
        }
        for (int b = 100; b <= 110; b++) {
            alarms[b] = true;
        }
        String[] top = new String[BINS];
        Arrays.fill(top, "db//cpu");
        return new DetectionResult(List.of(), List.of(new ServiceScore("db", millis, scores, top, alarms, List.of())));
    }

    private static List<Integer> anomalousBins(ServiceAnomalies source) {
        List<Set<String>> byBin = source.anomalousByBin(OBSERVATIONS);
        return IntStream.range(0, BINS).filter(b -> byBin.get(b).contains("db")).boxed().toList();
    }

    @Test
    void episodesAreTheDecisionsAsThePipelineMadeThem() {
        assertThat(anomalousBins(PipelineAnomalies.episodes(result()))).containsExactlyElementsOf(IntStream.rangeClosed(100, 110).boxed().toList());
    }

    @Test
    void scoresFindThePlantedAnomalyAndIgnoreALoneSpikeAndTheQuietRest() {
        assertThat(anomalousBins(PipelineAnomalies.scoresAtLeast(result(), 4))).containsExactly(100, 101, 102, 103, 104);
        assertThat(anomalousBins(PipelineAnomalies.scoresAtLeast(result(), 20))).isEmpty();
        assertThat(anomalousBins(PipelineAnomalies.scoresAtLeast(result(), 0.4))).hasSize(BINS);
    }

    @Test
    void aThresholdThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> PipelineAnomalies.scoresAtLeast(result(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold")
                .hasMessageContaining("0.0");
    }
}
