package dev.microsim.runtime;

import dev.microsim.engine.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A CPU hog in the live engine: ceil(cores) threads, each burning its share of {@code cores} in 10 ms
 * duty cycles while the replica is up, every slice granted from the replica's {@link CpuBudget} (so it
 * steals from the same limit the replica's requests use) and accounted to the replica's service.
 */
final class CpuHog {
    private static final long SLICE_NANOS = 10_000_000L;

    private CpuHog() {}

    static Cancellable start(String instance, double cores, CpuBudget budget, BooleanSupplier up, LongConsumer accounted) {
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        int n = (int) Math.ceil(cores);
        double duty = cores / n;
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                while (!stopped.get() && !Thread.currentThread().isInterrupted()) {
                    long t0 = System.nanoTime();
                    if (up.getAsBoolean()) {
                        long granted = budget.grant(Math.round(duty * SLICE_NANOS));
                        if (granted == 0) { // throttled: the replica's quota for this period is gone
                            LockSupport.parkNanos(CpuBudget.untilNextPeriod());
                            continue;
                        }
                        long burnt = CpuWork.burn(granted);
                        budget.consumed(burnt);
                        accounted.accept(burnt);
                    }
                    long rest = SLICE_NANOS - (System.nanoTime() - t0);
                    if (rest > 0) LockSupport.parkNanos(rest);
                }
            }, "microsim-cpuburn-" + instance);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return () -> {
            stopped.set(true);
            threads.forEach(Thread::interrupt);
        };
    }
}
