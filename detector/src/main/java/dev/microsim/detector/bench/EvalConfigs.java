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
import dev.microsim.detector.classify.SeriesKind;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.ClassParameters;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.DetectorChooser;
import dev.microsim.detector.pipeline.ServiceAggregator;
import dev.microsim.detector.pipeline.TunedParameters;
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
        if (name.startsWith("builtin:")) {
            return BuiltInPipelines.withParameters(ewmaOverride(TunedParameters.loadOrDefaults(), name.substring("builtin:".length())));
        }
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

    /**
     * The built-in pipeline with one EWMA parameter set on every class EWMA serves, {@code "sdMemory=0.5"}:
     * for trying a detector change on the tuning runs beside the committed settings.
     */
    static TunedParameters.Tuned ewmaOverride(TunedParameters.Tuned tuned, String assignment) {
        String[] kv = assignment.split("=", 2);
        if (kv.length != 2) throw new IllegalArgumentException("expected builtin:NAME=VALUE, got builtin:" + assignment);
        double value = Double.parseDouble(kv[1]);
        ClassParameters classes = tuned.classes();
        for (SeriesKind kind : SeriesKind.values()) {
            ClassParameters.Row row = classes.row(kind);
            if (row.kind() != EwmaDetector.KIND) continue;
            Map<String, Double> p = new java.util.LinkedHashMap<>(row.parameters());
            p.put(kv[0], value);
            classes = classes.with(kind, p);
        }
        return new TunedParameters.Tuned(classes, tuned.mergeGap(), tuned.minPoints(), tuned.minSeries());
    }

    private static DetectionPipeline single(dev.microsim.detector.detect.Detector detector, ServiceAggregator episodes, int threads) {
        return new DetectionPipeline(DetectorChooser.fixed(detector), episodes, threads);
    }
}
