package dev.microsim.run;

import java.time.Duration;

/**
 * Where a run stands: {@code elapsed} of {@code total} in the run's own time (virtual in fast mode),
 * {@code wall} on the wall clock since the session started, the load's client-side counts so far and
 * the records the recorder dropped.
 */
public record RunProgress(Duration elapsed, Duration total, Duration wall, long clientRequests, long clientErrors, long dropped) {
    /** Run time per wall time (1 for live runs; the speed-up in fast mode); 0 before any wall time passed. */
    public double speed() {
        return wall.isZero() ? 0 : (double) elapsed.toNanos() / wall.toNanos();
    }

    public double fraction() {
        return total.isZero() ? 1 : Math.min(1.0, (double) elapsed.toNanos() / total.toNanos());
    }
}
