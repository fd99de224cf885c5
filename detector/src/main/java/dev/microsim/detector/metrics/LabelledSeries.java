package dev.microsim.detector.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One series to score: the instants of its points (strictly increasing) and its ground-truth
 * anomaly events as index ranges (sorted, disjoint). Values are not needed to score.
 */
public record LabelledSeries(String name, long[] epochMillis, List<IndexRange> events) {

    public LabelledSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(epochMillis, "epochMillis");
        for (int i = 1; i < epochMillis.length; i++) {
            if (epochMillis[i] <= epochMillis[i - 1]) {
                throw new IllegalArgumentException(name + ": instants must be strictly increasing, point " + i + " is "
                        + Instant.ofEpochMilli(epochMillis[i]) + " after " + Instant.ofEpochMilli(epochMillis[i - 1]));
            }
        }
        events = List.copyOf(events);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).last() >= epochMillis.length) {
                throw new IllegalArgumentException(name + ": event " + events.get(i) + " ends past point " + (epochMillis.length - 1));
            }
            if (i > 0 && events.get(i).first() <= events.get(i - 1).last()) {
                throw new IllegalArgumentException(name + ": events must be sorted and disjoint; merge them first");
            }
        }
    }

    public int size() {
        return epochMillis.length;
    }

    public Instant instant(int index) {
        return Instant.ofEpochMilli(epochMillis[index]);
    }

    public boolean[] anomalous() {
        return IndexRange.toFlags(events, size());
    }

    /**
     * How long the series watched: first to last point plus one typical (median) spacing, since
     * each point stands for the interval it starts. Zero for fewer than two points.
     */
    public Duration monitoredDuration() {
        if (epochMillis.length < 2) {
            return Duration.ZERO;
        }
        long[] gaps = new long[epochMillis.length - 1];
        for (int i = 1; i < epochMillis.length; i++) {
            gaps[i - 1] = epochMillis[i] - epochMillis[i - 1];
        }
        java.util.Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        return Duration.ofMillis(epochMillis[epochMillis.length - 1] - epochMillis[0] + median);
    }
}
