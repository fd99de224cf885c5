package dev.microsim.load;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands the collector's numbers to the sink once per interval, on its own thread, starting when
 * the load starts. A sink that throws stops the run; the failure is rethrown by the runner.
 */
final class IntervalEmitter {
    private final ActiveRun run;
    private final ClientStatsSink sink;
    private final Duration interval;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "microsim-client-stats");
        t.setDaemon(true);
        return t;
    });
    private long emitted; // intervals handed over so far; only touched on the ticker thread, then after it stopped
    private volatile RuntimeException failure;

    IntervalEmitter(ActiveRun run, ClientStatsSink sink, Duration interval) {
        this.run = run;
        this.sink = sink;
        this.interval = interval;
    }

    /** Starts ticking; called from the simulation's before-hook. */
    void start() {
        long nanos = interval.toNanos();
        ticker.scheduleAtFixedRate(this::emitOne, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void emitOne() {
        if (failure != null) return;
        try {
            Instant intervalStart = run.startInstant().plus(interval.multipliedBy(emitted));
            emitted++;
            for (ClientStats stats : run.stats.takeInterval(intervalStart)) sink.accept(stats);
        } catch (RuntimeException e) {
            failure = e;
            run.requestStop("the client stats sink failed: " + e);
        }
    }

    /** Stops ticking and hands over what the last, partial interval holds (if anything). */
    void finish() throws InterruptedException {
        ticker.shutdown();
        if (!ticker.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client stats sink did not return within 30s");
        }
        if (!run.hasStarted() || failure != null) return;
        Instant intervalStart = run.startInstant().plus(interval.multipliedBy(emitted));
        var last = run.stats.takeInterval(intervalStart);
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
