package dev.microsim.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool where {@code compute} steps burn real CPU, off the event loops. A step burns
 * until its thread has used the drawn CPU time (so CPU contention stretches latency, as on a busy
 * host); a wall-clock cap of 50x keeps a starved step from running forever. Each replica's
 * {@link CpuBudget} decides when its steps may burn (its CPU limit).
 */
final class CpuWork implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final ExecutorService pool;
    /** Brings throttled steps back to the pool at their next CPU period. */
    private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "microsim-cpu-throttle");
        t.setDaemon(true);
        return t;
    });

    CpuWork(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "microsim-cpu-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void execute(Runnable task) {
        pool.execute(task);
    }

    /** Runs {@code task} on the pool after {@code nanos}. */
    void later(long nanos, Runnable task) {
        timer.schedule(() -> pool.execute(task), nanos, TimeUnit.NANOSECONDS);
    }

    /** Burns {@code nanos} of this thread's CPU time; returns the CPU time actually used. */
    static long burn(long nanos) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long deadline = wall0 + Math.max(nanos * 50, 1_000_000);
        long used = 0;
        long x = 0;
        while (used < nanos) {
            for (int i = 0; i < 200; i++) x += i * 31L ^ x; // work the JIT cannot drop (x is consumed below)
            used = THREADS.getCurrentThreadCpuTime() - cpu0;
            if (System.nanoTime() > deadline) break;
        }
        if (x == 42) Thread.onSpinWait();
        return used;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
