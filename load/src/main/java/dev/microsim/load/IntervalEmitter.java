package dev.microsim.load;

import dev.microsim.model.time.IntervalClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands the collector's numbers to the sink once per interval, on its own thread, starting when
 * the load starts. Intervals end by the run's clock, as the metric rows' do ({@link IntervalClock}
 * says why), so a load row and the metric row of the same interval carry the same instant. A sink
 * that throws stops the run; the failure is rethrown by the runner.
 */
final class IntervalEmitter {
    private final ActiveRun run;
    private final ClientStatsSink sink;
    private final Duration interval;
    private volatile Thread ticker;
    private volatile boolean stopping;
    private IntervalClock grid;
    private long emitted; // intervals handed over so far; only touched on the ticker thread, then after it stopped
    private volatile RuntimeException failure;

    IntervalEmitter(ActiveRun run, ClientStatsSink sink, Duration interval) {
        this.run = run;
        this.sink = sink;
        this.interval = interval;
    }

    /** Starts ticking; called from the simulation's before-hook. */
    void start() {
        grid = IntervalClock.live(run.clock(), run.startInstant(), interval);
        Thread t = new Thread(this::tick, "microsim-client-stats");
        t.setDaemon(true);
        ticker = t;
        t.start();
    }

    private void tick() {
        while (!stopping && failure == null) {
            long wait = grid.nanosUntilEnd(emitted, IntervalClock.MAX_WAIT_NANOS);
            if (wait > 0) LockSupport.parkNanos(wait); // finish() unparks it; never interrupted, the sink may be writing a file
            for (long ended = grid.endedIntervals(); emitted < ended && !stopping && failure == null; ) emitOne();
        }
    }

    private void emitOne() {
        try {
            var rows = run.stats.takeInterval(grid.intervalStart(emitted));
            emitted++;
            for (ClientStats stats : rows) sink.accept(stats);
        } catch (RuntimeException e) {
            failure = e;
            run.requestStop("the client stats sink failed: " + e);
        }
    }

    /** Stops ticking and hands over what the last, partial interval holds (if anything). */
    void finish() throws InterruptedException {
        Thread t = ticker;
        if (t != null) {
            stopping = true;
            LockSupport.unpark(t);
            t.join(TimeUnit.SECONDS.toMillis(30));
            if (t.isAlive()) throw new IllegalStateException("the client stats sink did not return within 30s");
        }
        if (!run.hasStarted() || failure != null || grid == null) return;
        var last = run.stats.takeInterval(grid.intervalStart(emitted));
        if (last.stream().anyMatch(s -> s.requests() > 0)) {
            try {
                for (ClientStats stats : last) sink.accept(stats);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }

    RuntimeException failure() {
        return failure;
    }
}
