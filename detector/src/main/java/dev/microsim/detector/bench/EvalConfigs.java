package dev.microsim.detector.bench;

import dev.microsim.detector.detect.ArimaDetector;
import dev.microsim.detector.detect.ContextOseDetector;
import dev.microsim.detector.detect.EwmaDetector;
import dev.microsim.detector.detect.HoltWintersDetector;
import dev.microsim.detector.detect.IsolationForestDetector;
import dev.microsim.detector.detect.RandomCutForestDetector;
import dev.microsim.detector.detect.ReconstructionDetector;
import dev.microsim.detector.detect.SpectralResidualDetector;
import dev.microsim.detector.detect.StlMadDetector;
import dev.microsim.detector.detect.WaveletDetector;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.DetectorChooser;
import dev.microsim.detector.pipeline.ServiceAggregator;
import java.util.List;
import java.util.Map;

/** The pipelines compared side by side: the built-in one, and each single detector on every series (or service). */
public final class EvalConfigs {

    private EvalConfigs() {
    }

    public static List<String> names() {
        return List.of("builtin", "untuned", "ewma", "holt-winters", "spectral-residual", "stl-mad", "wavelet", "arima", "context-ose",
                "isolation-forest", "random-cut-forest", "reconstruction");
    }

    public static DetectionPipeline pipeline(String name) {
        int threads = Runtime.getRuntime().availableProcessors();
        ServiceAggregator episodes = new ServiceAggregator(3, 2);
        return switch (name) {
            case "builtin" -> BuiltInPipelines.standard();
            case "untuned" -> BuiltInPipelines.untuned();
            case "ewma" -> single(EwmaDetector.defaults(), episodes, threads);
            case "holt-winters" -> single(HoltWintersDetector.KIND.withDefaults(), episodes, threads);
            case "spectral-residual" -> single(SpectralResidualDetector.KIND.withDefaults(), episodes, threads);
            case "stl-mad" -> single(StlMadDetector.KIND.withDefaults(), episodes, threads);
            case "wavelet" -> single(WaveletDetector.KIND.withDefaults(), episodes, threads);
            case "arima" -> single(ArimaDetector.KIND.create(Map.of("period", 1.0)), episodes, threads);
            case "context-ose" -> single(ContextOseDetector.KIND.withDefaults(), episodes, threads);
            case "isolation-forest" -> DetectionPipeline.serviceOnly(IsolationForestDetector.defaults(), episodes, threads);
            case "random-cut-forest" -> DetectionPipeline.serviceOnly(RandomCutForestDetector.defaults(), episodes, threads);
            case "reconstruction" -> DetectionPipeline.serviceOnly(ReconstructionDetector.defaults(), episodes, threads);
            default -> throw new IllegalArgumentException("unknown configuration \"" + name + "\" (known: " + String.join(", ", names()) + ")");
        };
    }

    private static DetectionPipeline single(dev.microsim.detector.detect.Detector detector, ServiceAggregator episodes, int threads) {
        return new DetectionPipeline(DetectorChooser.fixed(detector), episodes, threads);
    }
}
