package dev.microsim.detector.dataset;

import java.time.Instant;
import java.util.Objects;

/** A closed stretch of time {@code [start, end]}. */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }
}
