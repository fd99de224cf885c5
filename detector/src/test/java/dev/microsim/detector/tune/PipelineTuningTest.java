package dev.microsim.detector.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.detector.classify.Perceptron;
import dev.microsim.detector.classify.SeriesKind;
import dev.microsim.detector.detect.Params;
import dev.microsim.detector.pipeline.ClassParameters;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.PerceptronChooser;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.pipeline.RetuningTest;
import dev.microsim.detector.pipeline.SeriesVerdict;
import dev.microsim.detector.pipeline.ServiceAggregator;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTuningTest {

    static SeriesVerdict run(double stationary, double periodic) {
        ClassParameters classes = ClassParameters.defaults()
                .with(SeriesKind.STATIONARY, Map.of("warmup", 60.0, "threshold", stationary))
                .with(SeriesKind.PERIODIC, Map.of("threshold", periodic));
        return new DetectionPipeline(new PerceptronChooser(new Perceptron(), classes, 300, 240), new ServiceAggregator(3, 2), 1)
                .run(Telemetry.metricsOnly("t", List.of(RetuningTest.changing(true))), Progress.NONE).series().get(0);
    }

    @Test
    void rescalingASeriesThatChangedClassMidRunGivesTheScoresOfARealRunAtTheNewThresholds() {
        SeriesVerdict scored = run(4, 4.5);
        SeriesVerdict real = run(6, 3);
        assertThat(scored.segments()).hasSize(2);
        assertThat(scored.segments().get(1).seriesClass()).startsWith("periodic");

        Params moved = PipelineTuning.untuned().with("STATIONARY.threshold", 6).with("PERIODIC.threshold", 3);
        double[] rescaled = PipelineTuning.rescale(scored, moved);

        for (int i = 0; i < rescaled.length; i++) {
            assertThat(rescaled[i]).as("point %d", i).isCloseTo(real.scores()[i], within(1e-9 * Math.max(1, real.scores()[i])));
        }
    }
}
