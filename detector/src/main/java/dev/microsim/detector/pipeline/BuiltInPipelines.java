package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.EwmaDetector;
import java.util.function.Function;

/** The configurations {@code microsim detect} runs without {@code --command}. */
public final class BuiltInPipelines {

    /** The name NAB results are written under ({@code results/microsim/...}). */
    public static final String NAB_DETECTOR_NAME = "microsim";

    private BuiltInPipelines() {
    }

    public static DetectionPipeline standard() {
        return DetectionPipeline.defaults();
    }

    /** One NAB file's values to one score per row. */
    public static Function<double[], double[]> nabScorer() {
        return values -> EwmaDetector.defaults().scoreBatch("nab", values);
    }
}
