package dev.microsim.detector.signals;

import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The instants of a dataset's metrics (their union), for series derived from events: the value at
 * instant {@code t[i]} counts the events in {@code (t[i-1], t[i]]}, as a recorder's sample covers
 * the interval before it; the first instant counts the step before it.
 */
record MetricGrid(long[] instants) {

    static MetricGrid of(Telemetry telemetry) {
        TreeSet<Long> all = new TreeSet<>();
        for (MetricSeries s : telemetry.metrics()) {
            for (long t : s.epochMillis()) {
                all.add(t);
            }
        }
        return new MetricGrid(all.stream().mapToLong(Long::longValue).toArray());
    }

    boolean isEmpty() {
        return instants.length == 0;
    }

    /** The index of the interval holding this instant, or -1 outside the grid. */
    int binOf(long epochMillis) {
        if (instants.length == 0) {
            return -1;
        }
        int i = Arrays.binarySearch(instants, epochMillis);
        if (i < 0) {
            i = -i - 1; // the first instant after it
        }
        if (i >= instants.length) {
            return -1;
        }
        long step = instants.length > 1 ? instants[1] - instants[0] : 1000;
        return i == 0 && epochMillis <= instants[0] - step ? -1 : i;
    }
}
