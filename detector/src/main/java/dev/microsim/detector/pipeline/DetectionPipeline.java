package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.PointStream;
import dev.microsim.detector.detect.SeriesCheck;
import dev.microsim.detector.detect.ServiceDetector;
import dev.microsim.detector.signals.SignalSource;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The built-in detection pipeline over a dataset's label-free telemetry: per series, a plan (class,
 * detector, parameters) from the {@link DetectorChooser}, then the detector streamed over the
 * points; then per service, the score over time and its episodes ({@link ServiceAggregator}).
 * Optionally a multivariate {@link ServiceDetector} scores each service's series together; its
 * score joins the service's score (it is not a series of the dataset, so it is not in
 * {@link DetectionResult#series()}). With {@link #withSignals} it also scores the series its
 * {@link SignalSource}s derive from the logs or traces (log lines per service), as series of their
 * service. Series are scored in parallel on {@code threads} threads;
 * results keep the telemetry's order.
 */
public final class DetectionPipeline {

    private final DetectorChooser chooser;
    private final ServiceDetector serviceDetector;
    private final ServiceAggregator aggregator;
    private final int threads;
    private final List<SignalSource> signals;

    /**
     * @param chooser         the per-series detectors; null: none (a service detector alone)
     * @param serviceDetector a multivariate detector over each service's series together; null: none
     */
    public DetectionPipeline(DetectorChooser chooser, ServiceDetector serviceDetector, ServiceAggregator aggregator, int threads) {
        this(chooser, serviceDetector, aggregator, threads, List.of());
    }

    private DetectionPipeline(DetectorChooser chooser, ServiceDetector serviceDetector, ServiceAggregator aggregator, int threads,
                              List<SignalSource> signals) {
        this.signals = List.copyOf(signals);
        if (chooser == null && serviceDetector == null) {
            throw new IllegalArgumentException("a pipeline needs a series chooser, a service detector, or both");
        }
        this.chooser = chooser;
        this.serviceDetector = serviceDetector;
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        this.threads = threads;
    }

    public DetectionPipeline(DetectorChooser chooser, ServiceAggregator aggregator, int threads) {
        this(chooser, null, aggregator, threads);
    }

    /** The same pipeline that also watches the series these sources derive from the traces or logs. */
    public DetectionPipeline withSignals(List<SignalSource> sources) {
        return new DetectionPipeline(chooser, serviceDetector, aggregator, threads, sources);
    }

    /** The telemetry's metrics and the derived series, by service as the metrics are. */
    Telemetry withDerived(Telemetry telemetry) {
        if (signals.isEmpty()) {
            return telemetry;
        }
        List<MetricSeries> all = new ArrayList<>(telemetry.metrics());
        for (SignalSource source : signals) {
            all.addAll(source.derive(telemetry));
        }
        return new Telemetry(telemetry.source(), all, telemetry.traces(), telemetry.logs());
    }

    /** A multivariate detector alone: each service's score is its detector's. */
    public static DetectionPipeline serviceOnly(ServiceDetector detector, ServiceAggregator aggregator, int threads) {
        return new DetectionPipeline(null, detector, aggregator, threads);
    }

    /** Untuned defaults: EWMA on every series, episodes of at least 2 instants merged across 3-point gaps. */
    public static DetectionPipeline defaults() {
        return new DetectionPipeline(DetectorChooser.ewmaDefaults(), new ServiceAggregator(3, 2),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @throws IllegalArgumentException naming every empty or corrupt series (NaN, infinity), all at once
     */
    public DetectionResult run(Telemetry recorded, Progress progress) {
        Telemetry telemetry = withDerived(recorded);
        List<String> problems = new ArrayList<>();
        for (MetricSeries series : telemetry.metrics()) {
            try {
                SeriesCheck.requireUsable(series.name(), series.values());
            } catch (SeriesCheck.BadSeriesException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        Map<String, List<MetricSeries>> byService = new LinkedHashMap<>();
        telemetry.metrics().forEach(s -> byService.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s));
        progress.begin("detect", (chooser == null ? 0 : telemetry.metrics().size()) + (serviceDetector == null ? 0 : byService.size()));
        List<SeriesVerdict> verdicts;
        List<SeriesVerdict> serviceVerdicts;
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            verdicts = chooser == null ? List.of() : pool.submit(() -> telemetry.metrics().parallelStream().map(s -> {
                SeriesVerdict v = score(s);
                progress.advance(1);
                return v;
            }).toList()).get();
            serviceVerdicts = serviceDetector == null ? List.of() : pool.submit(() -> byService.entrySet().parallelStream().map(e -> {
                SeriesVerdict v = ServiceVectors.score(e.getKey(), e.getValue(), serviceDetector);
                progress.advance(1);
                return v;
            }).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
            progress.end();
        }
        List<SeriesVerdict> all = new ArrayList<>(verdicts);
        all.addAll(serviceVerdicts);
        return new DetectionResult(verdicts, aggregator.aggregate(all));
    }

    SeriesVerdict score(MetricSeries series) {
        SeriesPlan plan = chooser.plan(series);
        Detector detector = plan.detector();
        PointStream stream = chooser.stream(plan);
        double[] values = series.values();
        long[] times = series.epochMillis();
        double[] scores = new double[values.length];
        AlarmRuns runs = new AlarmRuns(times);
        for (int i = 0; i < values.length; i++) {
            scores[i] = stream.next(values[i]);
            runs.add(i, scores[i], stream::explain);
        }
        String why = plan.why();
        List<ClassSegment> segments = new ArrayList<>();
        segments.add(new ClassSegment(0, plan.seriesClass().label(), detector.params().values().getOrDefault("threshold", 1.0)));
        if (stream instanceof RetuningStream retuning) {
            for (RetuningStream.Change change : retuning.changes()) {
                segments.add(new ClassSegment((int) change.index() + 1, change.to(), change.threshold()));
                why += "; at " + dev.microsim.detector.io.Timestamps.format(times[(int) change.index()]) + " its character changed from "
                        + change.from() + " to " + change.to() + ": detector re-chosen";
            }
        }
        return new SeriesVerdict(series.name(), series.service(), plan.seriesClass().label(), detector.name(), detector.description(),
                detector.params().values(), why, times, scores, runs.finish(), segments);
    }
}
