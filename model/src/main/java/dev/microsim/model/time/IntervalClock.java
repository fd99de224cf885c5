package dev.microsim.model.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A live run's interval grid on the run's clock. Spans and fault labels are stamped by the run's
 * {@link Clock}; metric and load rows must follow the same clock, or a clock step (a suspended VM
 * resumed and its wall clock corrected) leaves the rows seconds away from the spans and labels they
 * describe, with nothing in the dataset to say so (seen once: rows 12 s ahead of the spans). So which
 * intervals have ended is the run clock's call, and the monotonic clock serves only to sleep and to
 * notice steps: each {@link #endedIntervals()} compares how far both clocks moved since the last call.
 *
 * <p>One thread uses an instance; {@link #steps()} may be read from another.
 */
public final class IntervalClock {
    /** A jump of the run's clock against the monotonic one smaller than this is drift or a slow read, not a step. */
    static final long STEP_NANOS = 100_000_000L;
    /** Two monotonic reads this far apart around the clock read: this thread was descheduled, the comparison says nothing. */
    private static final long READ_WINDOW_NANOS = 10_000_000L;
    /** What a caller's wait for an interval's end is capped at, so it looks at the run's clock again soon after a step. */
    public static final long MAX_WAIT_NANOS = 250_000_000L;

    private final Clock clock;
    private final LongSupplier monotonic;
    private final Instant start;
    private final long intervalNanos;
    private final List<ClockStep> steps = new ArrayList<>();
    private long lastSkew;

    /**
     * @param clock the run's clock (what spans and labels are stamped with)
     * @param monotonic nanoseconds of a monotonic clock ({@link System#nanoTime} live; a test's own)
     * @param start the run's start on {@code clock}: interval k starts at start + k x interval
     */
    public IntervalClock(Clock clock, LongSupplier monotonic, Instant start, Duration interval) {
        if (clock == null || monotonic == null || start == null) throw new IllegalArgumentException("clock, monotonic and start are required");
        if (interval == null || interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive, got " + interval);
        this.clock = clock;
        this.monotonic = monotonic;
        this.start = start;
        this.intervalNanos = interval.toNanos();
        Reading first = read();
        this.lastSkew = first == null ? 0 : first.skewNanos();
    }

    /** On the system clocks: the wall clock {@code clock} against {@link System#nanoTime}. */
    public static IntervalClock live(Clock clock, Instant start, Duration interval) {
        return new IntervalClock(clock, System::nanoTime, start, interval);
    }

    /** The start of interval {@code k} (0-based) on the run's clock. */
    public Instant intervalStart(long k) {
        return start.plusNanos(k * intervalNanos);
    }

    /** How many whole intervals have ended by the run's clock now (0 before the first ends, never negative); notes a step if there was one. */
    public long endedIntervals() {
        noteStep();
        return Math.max(0, Math.floorDiv(elapsedNanos(clock.instant()), intervalNanos));
    }

    /** Nanoseconds until interval {@code k} (0-based) ends by the run's clock, at most {@code maxWaitNanos} and at least 0. */
    public long nanosUntilEnd(long k, long maxWaitNanos) {
        long due = (k + 1) * intervalNanos - elapsedNanos(clock.instant());
        return Math.max(0, Math.min(due, maxWaitNanos));
    }

    /** The run's time since its start (negative before it), on its own clock. */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos(clock.instant()));
    }

    /** The steps noticed so far, in order. */
    public synchronized List<ClockStep> steps() {
        return List.copyOf(steps);
    }

    private long elapsedNanos(Instant now) {
        return Duration.between(start, now).toNanos();
    }

    private void noteStep() {
        Reading r = read();
        if (r == null) return;
        long moved = r.skewNanos() - lastSkew;
        lastSkew = r.skewNanos();
        if (Math.abs(moved) >= STEP_NANOS) {
            synchronized (this) {
                steps.add(new ClockStep(r.at(), Duration.ofNanos(moved)));
            }
        }
    }

    /** Both clocks read together: the run clock's elapsed time minus the monotonic reading (constant while they agree), at the run clock's instant. */
    private record Reading(long skewNanos, Instant at) {}

    /** Null when the monotonic reads around the clock read were too far apart to compare them. */
    private Reading read() {
        long before = monotonic.getAsLong();
        Instant now = clock.instant();
        long after = monotonic.getAsLong();
        if (after - before > READ_WINDOW_NANOS) return null;
        return new Reading(elapsedNanos(now) - after, now);
    }
}
