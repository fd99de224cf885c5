package dev.microsim.detector.dataset;

import dev.microsim.detector.metrics.IndexRange;
import dev.microsim.detector.metrics.LabelledSeries;
import dev.microsim.detector.telemetry.MetricSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One telemetry series joined with the windows in which it is labelled anomalous: the scorer's view.
 * Detectors never get this; they get the label-free {@link MetricSeries}. Instants are epoch
 * milliseconds (strictly increasing) to keep 10,000-point series cheap.
 */
public record Series(String name, String service, long[] epochMillis, double[] values, List<TimeWindow> anomalyWindows) {

    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        if (epochMillis.length != values.length) {
            throw new IllegalArgumentException(name + ": " + epochMillis.length + " instants for " + values.length + " values");
        }
        anomalyWindows = List.copyOf(anomalyWindows);
    }

    public static Series labelled(MetricSeries series, List<TimeWindow> anomalyWindows) {
        return new Series(series.name(), series.service(), series.epochMillis(), series.values(), anomalyWindows);
    }

    public int size() {
        return values.length;
    }

    /** Index of the point at exactly this instant, or a negative number. */
    public int indexOf(long epochMilli) {
        return Arrays.binarySearch(epochMillis, epochMilli);
    }

    /**
     * Each point stands for the interval it starts (one median spacing long); a point is anomalous
     * when that interval overlaps a window. Overlapping windows merge into one event.
     */
    public LabelledSeries labelled() {
        long step = medianStep();
        List<IndexRange> ranges = new ArrayList<>();
        for (TimeWindow window : anomalyWindows) {
            long start = window.start().toEpochMilli();
            long end = window.end().toEpochMilli();
            int first = -1;
            int last = -1;
            for (int i = 0; i < epochMillis.length; i++) {
                boolean overlaps = epochMillis[i] <= end && epochMillis[i] + step > start;
                if (overlaps) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0) {
                ranges.add(new IndexRange(first, last));
            }
        }
        return new LabelledSeries(name, epochMillis, IndexRange.merge(ranges));
    }

    private long medianStep() {
        if (epochMillis.length < 2) {
            return 1;
        }
        long[] gaps = new long[epochMillis.length - 1];
        for (int i = 1; i < epochMillis.length; i++) {
            gaps[i - 1] = epochMillis[i] - epochMillis[i - 1];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
