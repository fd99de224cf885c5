package dev.microsim.detector.tune;

import dev.microsim.detector.bench.FaultEval;
import dev.microsim.detector.classify.SeriesKind;
import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.detect.ParamSpec;
import dev.microsim.detector.detect.Params;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.ClassSegment;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.pipeline.ServiceAggregator;
import dev.microsim.detector.pipeline.SeriesVerdict;
import dev.microsim.detector.pipeline.TunedParameters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tunes the built-in pipeline on labelled training runs: each class's alarm threshold and the
 * episode rule (how many alarmed instants make an episode, across how long a gap). A detector's
 * score is its deviation over its threshold and the threshold moves nothing else inside it, so
 * the runs are scored once at the defaults and every candidate is a rescale of those scores plus
 * a re-aggregation: a step costs milliseconds, not a re-run.
 */
public final class PipelineTuning {

    /** The longest persistence the tuner may ask of an episode, in instants (seconds on a 1 s dataset). */
    public static final int MAX_MIN_POINTS = 8;

    public static final List<ParamSpec> SPECS = List.of(
            ParamSpec.positive("CONSTANT.threshold", 1000, 4, "EWMA threshold of constant series"),
            ParamSpec.positive("STATIONARY.threshold", 1000, 4, "EWMA threshold of stationary series"),
            ParamSpec.positive("RANDOM_WALK.threshold", 1000, 4, "EWMA threshold of random-walk series"),
            ParamSpec.positive("PERIODIC.threshold", 1000, 4.5, "Holt-Winters threshold of periodic series"),
            // at most 8: the training faults all last 25 s, and with 60 the tuner learnt their length (22), so a
            // fault shorter than that could never open an episode; users' faults last 5 s or 20 s too
            ParamSpec.whole("minPoints", 1, MAX_MIN_POINTS, TunedParameters.DEFAULT_MIN_POINTS, "alarmed instants an episode needs"),
            ParamSpec.whole("mergeGap", 0, 30, TunedParameters.DEFAULT_MERGE_GAP, "quiet instants that still join two alarm stretches"),
            ParamSpec.whole("minSeries", 1, 5, TunedParameters.DEFAULT_MIN_SERIES, "series of a service over the line at once for it to be"));

    private record Scored(Dataset dataset, List<SeriesVerdict> verdicts) {
    }

    private final List<Scored> runs = new ArrayList<>();
    private final FaultEval eval = new FaultEval();

    /** Scores each training run once with the untuned pipeline (telemetry only). */
    public PipelineTuning(List<Dataset> training) {
        for (Dataset dataset : training) {
            DetectionResult result = BuiltInPipelines.untuned().run(dataset.telemetry(), Progress.NONE);
            runs.add(new Scored(dataset, result.series()));
        }
    }

    public static Params untuned() {
        return Params.defaults("pipeline", SPECS);
    }

    /** Pooled event-wise F1 over the training runs at these parameters. */
    public double f1(Params params) {
        FaultEval.Counts total = new FaultEval.Counts(0, 0, 0, 0);
        ServiceAggregator aggregator = new ServiceAggregator(params.getInt("mergeGap"), params.getInt("minPoints"),
                params.getInt("minSeries"));
        for (Scored run : runs) {
            List<SeriesVerdict> rescaled = new ArrayList<>();
            for (SeriesVerdict v : run.verdicts()) {
                rescaled.add(new SeriesVerdict(v.series(), v.service(), v.seriesClass(), v.detector(), v.description(), v.parameters(),
                        v.why(), v.epochMillis(), rescale(v, params), List.of(), v.segments()));
            }
            DetectionResult result = new DetectionResult(rescaled, aggregator.aggregate(rescaled));
            total = total.plus(eval.total(run.dataset(), result));
        }
        double f = total.f1();
        return Double.isNaN(f) ? 0 : f;
    }

    /**
     * The scores at these thresholds: each stretch of the series (one per class it had, when its
     * character changed mid-run) rescaled by its own class's threshold over the one it was scored at.
     */
    static double[] rescale(SeriesVerdict v, Params params) {
        double[] scores = v.scores().clone();
        List<ClassSegment> segments = v.segments();
        for (int s = 0; s < segments.size(); s++) {
            ClassSegment segment = segments.get(s);
            double factor = segment.threshold() / params.get(kindOf(segment.seriesClass()).name() + ".threshold");
            int end = s + 1 < segments.size() ? segments.get(s + 1).from() : scores.length;
            for (int k = segment.from(); k < end; k++) {
                scores[k] *= factor;
            }
        }
        return scores;
    }

    /** The tuner's parameters for a pipeline's values, each clamped into its range (a class without a threshold keeps the spec's default). */
    public static Params of(TunedParameters.Tuned tuned) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("minPoints", (double) tuned.minPoints());
        values.put("mergeGap", (double) tuned.mergeGap());
        values.put("minSeries", (double) tuned.minSeries());
        for (SeriesKind kind : SeriesKind.values()) {
            Double threshold = tuned.classes().row(kind).parameters().get("threshold");
            if (threshold != null) {
                values.put(kind.name() + ".threshold", threshold);
            }
        }
        Params p = untuned();
        for (ParamSpec spec : SPECS) {
            if (values.containsKey(spec.name())) {
                p = p.with(spec.name(), spec.clamp(values.get(spec.name())));
            }
        }
        return p;
    }

    /** The tuned values as tuned-parameters.json holds them. */
    public static Map<SeriesKind, Map<String, Double>> perClass(Params params) {
        Map<SeriesKind, Map<String, Double>> out = new EnumMap<>(SeriesKind.class);
        for (SeriesKind kind : SeriesKind.values()) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("threshold", params.get(kind.name() + ".threshold"));
            out.put(kind, values);
        }
        return out;
    }

    static SeriesKind kindOf(String label) {
        if (label.startsWith("periodic")) {
            return SeriesKind.PERIODIC;
        }
        return switch (label) {
            case "constant" -> SeriesKind.CONSTANT;
            case "random-walk" -> SeriesKind.RANDOM_WALK;
            default -> SeriesKind.STATIONARY;
        };
    }
}
