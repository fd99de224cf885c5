package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.PointStream;
import dev.microsim.detector.detect.SeriesCheck;
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
 * Series are scored in parallel on {@code threads} threads; results keep the telemetry's order.
 */
public final class DetectionPipeline {

    private final DetectorChooser chooser;
    private final ServiceAggregator aggregator;
    private final int threads;

    public DetectionPipeline(DetectorChooser chooser, ServiceAggregator aggregator, int threads) {
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        this.threads = threads;
    }

    /** Untuned defaults: EWMA on every series, episodes of at least 2 instants merged across 3-point gaps. */
    public static DetectionPipeline defaults() {
        return new DetectionPipeline(DetectorChooser.ewmaDefaults(), new ServiceAggregator(3, 2),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @throws IllegalArgumentException naming every empty or corrupt series (NaN, infinity), all at once
     */
    public DetectionResult run(Telemetry telemetry, Progress progress) {
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
        progress.begin("detect", telemetry.metrics().size());
        List<SeriesVerdict> verdicts;
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            verdicts = pool.submit(() -> telemetry.metrics().parallelStream().map(s -> {
                SeriesVerdict v = score(s);
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
        return new DetectionResult(verdicts, aggregator.aggregate(verdicts));
    }

    SeriesVerdict score(MetricSeries series) {
        SeriesPlan plan = chooser.plan(series);
        Detector detector = plan.detector();
        PointStream stream = chooser.stream(plan);
        double[] values = series.values();
        long[] times = series.epochMillis();
        double[] scores = new double[values.length];
        List<SeriesAlarm> alarms = new ArrayList<>();
        int runStart = -1;
        double peak = 0;
        dev.microsim.detector.detect.Explanation onset = null;
        for (int i = 0; i < values.length; i++) {
            double score = stream.next(values[i]);
            scores[i] = score;
            if (score >= 1.0) {
                if (runStart < 0) {
                    runStart = i;
                    peak = score;
                    onset = stream.explain();
                } else {
                    peak = Math.max(peak, score);
                }
            } else if (runStart >= 0) {
                alarms.add(new SeriesAlarm(times[runStart], times[i - 1], peak, onset));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            alarms.add(new SeriesAlarm(times[runStart], times[values.length - 1], peak, onset));
        }
        String why = plan.why();
        if (stream instanceof RetuningStream retuning) {
            for (RetuningStream.Change change : retuning.changes()) {
                why += "; at " + dev.microsim.detector.io.Timestamps.format(times[(int) change.index()]) + " its character changed from "
                        + change.from() + " to " + change.to() + ": detector re-chosen";
            }
        }
        return new SeriesVerdict(series.name(), series.service(), plan.seriesClass().label(), detector.name(), detector.description(),
                detector.params().values(), why, times, scores, alarms);
    }
}
