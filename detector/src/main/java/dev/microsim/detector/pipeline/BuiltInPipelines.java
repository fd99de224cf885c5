package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.Perceptron;
import java.util.function.Function;

/** The configurations {@code microsim detect} runs without {@code --command}. */
public final class BuiltInPipelines {

    /** The name NAB results are written under ({@code results/microsim/...}). */
    public static final String NAB_DETECTOR_NAME = "microsim";

    private BuiltInPipelines() {
    }

    /** Points the perceptron classifies a series on: the first minute of a 1 s dataset, before its first fault. */
    public static final int CLASSIFY_PREFIX = 60;

    /** Points the re-tuning watch looks back over. */
    public static final int RETUNE_WINDOW = 120;

    /**
     * The perceptron picks each series' detector from its first {@link #CLASSIFY_PREFIX} points and
     * re-picks it when the series' character changes; episodes as {@link DetectionPipeline#defaults()}.
     */
    public static DetectionPipeline standard() {
        return new DetectionPipeline(new PerceptronChooser(new Perceptron(), ClassParameters.defaults(), CLASSIFY_PREFIX, RETUNE_WINDOW),
                new ServiceAggregator(3, 2), Runtime.getRuntime().availableProcessors());
    }

    /** One NAB file's values to one score per row. */
    public static Function<double[], double[]> nabScorer() {
        NabDetector detector = new NabDetector();
        return detector::score;
    }
}
