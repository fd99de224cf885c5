package dev.microsim.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The run's clock in fast mode: the virtual epoch plus the event loop's virtual time. Dataset
 * instants, label times and the fault schedule read it, so a run's files never depend on when or
 * how fast it ran.
 */
public final class SimClock extends Clock {
    private final Instant epoch;
    private final long epochNanos;
    private final EventLoop loop;

    public SimClock(Instant epoch, EventLoop loop) {
        this.epoch = epoch;
        this.epochNanos = epoch.getEpochSecond() * 1_000_000_000L + epoch.getNano();
        this.loop = loop;
    }

    /** Epoch nanoseconds now (virtual). */
    public long epochNanos() {
        return epochNanos + loop.now();
    }

    public Instant epoch() {
        return epoch;
    }

    @Override
    public Instant instant() {
        return epoch.plusNanos(loop.now());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) return this;
        throw new UnsupportedOperationException("the virtual clock is UTC");
    }
}
