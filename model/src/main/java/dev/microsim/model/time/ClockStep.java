package dev.microsim.model.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The run's clock moved by {@code offset} more than the monotonic clock did, noticed at {@code at}
 * (on the run's clock, after the step): positive is a jump ahead (a suspended machine resumed and its
 * wall clock set right), negative a jump back. Under such a step every stream stays on the run's
 * clock, so the dataset holds a gap (ahead) or an overlap (back) of that length at {@code at}.
 */
public record ClockStep(Instant at, Duration offset) {
    public ClockStep {
        if (at == null || offset == null) throw new IllegalArgumentException("at and offset are required");
    }
}
