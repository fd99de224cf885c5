package dev.microsim.detector.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Time to detect: for each detected event, the time from its first point to its first alarm.
 * Missed events have no delay and are counted apart, so a slow detector cannot look fast by
 * missing the hard cases quietly.
 */
public record DetectionDelays(List<Duration> delays, long missedEvents) {

    public DetectionDelays {
        delays = List.copyOf(delays);
        if (missedEvents < 0) {
            throw new IllegalArgumentException("missedEvents must be >= 0");
        }
    }

    public static DetectionDelays of(LabelledSeries series, boolean[] predicted) {
        List<Duration> delays = new ArrayList<>();
        long missed = 0;
        for (IndexRange event : series.events()) {
            int first = -1;
            for (int i = event.first(); i <= event.last() && first < 0; i++) {
                if (predicted[i]) {
                    first = i;
                }
            }
            if (first < 0) {
                missed++;
            } else {
                delays.add(Duration.ofMillis(series.epochMillis()[first] - series.epochMillis()[event.first()]));
            }
        }
        return new DetectionDelays(delays, missed);
    }

    public DetectionDelays plus(DetectionDelays other) {
        List<Duration> all = new ArrayList<>(delays);
        all.addAll(other.delays);
        return new DetectionDelays(all, missedEvents + other.missedEvents);
    }

    /** Null when no event was detected. */
    public Duration mean() {
        return delays.isEmpty() ? null : Duration.ofMillis(Math.round(stats().getMean()));
    }

    /** Null when no event was detected; the middle two averaged for an even count. */
    public Duration median() {
        return delays.isEmpty() ? null : Duration.ofMillis(Math.round(stats().getPercentile(50)));
    }

    private DescriptiveStatistics stats() {
        return new DescriptiveStatistics(delays.stream().mapToDouble(Duration::toMillis).toArray());
    }
}
