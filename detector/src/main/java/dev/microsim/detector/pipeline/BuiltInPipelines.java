package dev.microsim.detector.pipeline;

import dev.microsim.detector.classify.Perceptron;
import dev.microsim.detector.signals.LogVolume;
import dev.microsim.detector.signals.SignalSource;
import java.util.List;
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
     * re-picks it when the series' character changes, with the tuner's learnt thresholds and episode
     * rule ({@link TunedParameters}) where it learnt any.
     */
    public static DetectionPipeline standard() {
        return withParameters(TunedParameters.loadOrDefaults());
    }

    /** The same pipeline with every class at its detector's defaults: what tuning is compared against. */
    public static DetectionPipeline untuned() {
        return withParameters(TunedParameters.untuned());
    }

    public static DetectionPipeline withParameters(TunedParameters.Tuned tuned) {
        return new DetectionPipeline(new PerceptronChooser(new Perceptron(), tuned.classes(), CLASSIFY_PREFIX, RETUNE_WINDOW),
                tuned.aggregator(), Runtime.getRuntime().availableProcessors()).withSignals(signals());
    }

    /** What the built-in pipeline derives from the logs and traces, beside the recorded metrics. */
    public static List<SignalSource> signals() {
        return List.of(new LogVolume());
    }

    /**
     * One NAB file's values to one score per row: CAD OSE streaming, its value range from the
     * probationary period and grown by every new extreme (no look-ahead; docs/accuracy.md has it
     * beside the round-1 ensemble, {@link NabDetector}, which scored lower).
     */
    public static Function<double[], double[]> nabScorer() {
        return NabContextOse.streaming()::score;
    }
}
