package dev.microsim.engine;

import java.util.function.LongConsumer;

/**
 * A periodic task on one replica's thread that is told how much time passed since its last run, so
 * that work which follows elapsed time (a leak's growth, a log storm's rate) loses nothing to a late
 * timer on a busy machine. Started and stopped from any thread.
 */
final class Ticker {
    private final ReplicaEngine engine;
    private final long periodNanos;
    private final LongConsumer tick;
    private volatile boolean stopped;
    private Cancellable next = Cancellable.NONE;
    private long last;

    private Ticker(ReplicaEngine engine, long periodNanos, LongConsumer tick) {
        this.engine = engine;
        this.periodNanos = periodNanos;
        this.tick = tick;
    }

    /** Runs {@code tick} with the elapsed nanoseconds every {@code periodNanos}, first one period from now. */
    static Ticker every(ReplicaEngine engine, long periodNanos, LongConsumer tick) {
        Ticker t = new Ticker(engine, periodNanos, tick);
        engine.execute(t::begin);
        return t;
    }

    private void begin() {
        if (stopped) return;
        last = engine.now();
        next = engine.schedule(periodNanos, this::fire);
    }

    private void fire() {
        if (stopped) return;
        long now = engine.now();
        long elapsed = now - last;
        last = now;
        tick.accept(elapsed);
        if (!stopped) next = engine.schedule(periodNanos, this::fire);
    }

    void stop() {
        stopped = true;
        engine.execute(() -> next.cancel());
    }
}
