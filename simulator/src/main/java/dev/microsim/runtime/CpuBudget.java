package dev.microsim.runtime;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * One replica's CPU limit in the live engine, as Kubernetes applies {@code resources.cpu}: CFS
 * bandwidth control gives the replica {@code cores} x 100 ms of CPU per 100 ms period, and its compute
 * steps run at most ceil(cores) at a time (the rest wait in order). A step burns real CPU on the
 * mesh's pool in slices of at most 1 ms, each granted from the period's quota; when the quota is used
 * up the step gives its pool thread back and resumes at the next period (throttling). CPU-hog threads
 * take their slices from the same quota, so a hog slows the replica's requests as on a real node.
 */
final class CpuBudget {
    static final long PERIOD_NANOS = 100_000_000L;
    private static final long SLICE_NANOS = 1_000_000L;

    private final CpuWork cpu;
    private final long quota;
    private final int parallel;
    private final ArrayDeque<Step> waiting = new ArrayDeque<>();
    private int running;
    private long period;
    private long used;

    CpuBudget(CpuWork cpu, double cores) {
        this.cpu = cpu;
        this.quota = Math.round(cores * PERIOD_NANOS);
        this.parallel = Math.max(1, (int) Math.ceil(cores - 1e-9));
    }

    /** Burns {@code nanos} of CPU within the budget; {@code done} gets the CPU time used (on a pool thread). */
    void compute(long nanos, LongConsumer done) {
        Step s = new Step(nanos, done);
        synchronized (this) {
            if (running >= parallel) {
                waiting.add(s);
                return;
            }
            running++;
        }
        cpu.execute(s);
    }

    /** Up to {@code want} nanoseconds of this period's quota; 0 when it is used up (wait {@link #untilNextPeriod}). */
    synchronized long grant(long want) {
        roll();
        return Math.max(0, Math.min(want, quota - used));
    }

    /** CPU time actually burnt (it may exceed the grant a little: burning stops at the next clock check). */
    synchronized void consumed(long nanos) {
        roll();
        used += nanos;
    }

    static long untilNextPeriod() {
        long now = System.nanoTime();
        return PERIOD_NANOS - Math.floorMod(now, PERIOD_NANOS);
    }

    private void roll() {
        long p = Math.floorDiv(System.nanoTime(), PERIOD_NANOS);
        if (p != period) {
            period = p;
            used = 0;
        }
    }

    private void finished() {
        Step next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        cpu.execute(next);
    }

    /** A compute step in progress; it runs on a pool thread, leaves it when throttled and comes back next period. */
    private final class Step implements Runnable {
        private final LongConsumer done;
        private long left;
        private long used;

        Step(long nanos, LongConsumer done) {
            this.left = nanos;
            this.done = done;
        }

        @Override
        public void run() {
            while (left > 0) {
                long slice = grant(Math.min(left, SLICE_NANOS));
                if (slice <= 0) {
                    cpu.later(untilNextPeriod(), this);
                    return;
                }
                long burnt = CpuWork.burn(slice);
                consumed(burnt);
                used += burnt;
                left -= burnt;
            }
            finished();
            done.accept(used);
        }
    }
}
