package dev.microsim.sim;

import dev.microsim.engine.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One replica's CPU in virtual time, as Kubernetes gives a container a CPU limit of {@code cores}:
 * its compute steps (each single-threaded: at most one core) and CPU hogs (threads wanting a duty
 * cycle of a core) share ceil(cores) cores max-min fairly (processor sharing), and CFS bandwidth
 * control allows {@code cores} x 100 ms of CPU per 100 ms period: once a period's quota is used up,
 * everything on the replica waits for the next period. So {@code cpu: 200m} lets a 1 ms step run at
 * full speed when the replica is quiet and throttles it when the replica is busy, and a hog steals
 * from the same budget. With a whole number of cores and no hog the quota is never the limit.
 *
 * <p>All running steps progress at the same rate, so the queue keeps, per step, the amount of
 * "attained service" at which it finishes; at most three events are pending: the next finish, the
 * instant the quota runs out, and the next period boundary (only while something runs and a
 * throttle is possible).
 */
final class CpuShare {
    static final long PERIOD_NANOS = 100_000_000L;
    private static final long HOG_SLICE_NANOS = 10_000_000L;

    private record Job(double finish, long seq, long work, LongConsumer done) {}

    private final EventLoop loop;
    /** Cores the replica's threads can run on at once: ceil(limit). */
    private final int capacity;
    /** CPU nanoseconds allowed per period: limit x period. */
    private final double quota;
    private final BooleanSupplier up;
    private final PriorityQueue<Job> jobs = new PriorityQueue<>((a, b) -> a.finish != b.finish ? Double.compare(a.finish, b.finish) : Long.compare(a.seq, b.seq));
    private final List<Hog> hogs = new ArrayList<>();
    private long seq;
    /** CPU nanoseconds each running step has received since the start (they all progress alike). */
    private double attained;
    private double rate;
    private long last;
    private long period;
    private double usedInPeriod;
    private boolean throttled;
    private EventLoop.Event finishEvent;
    private EventLoop.Event exhaustEvent;
    private EventLoop.Event boundaryEvent;

    /** A CPU hog: {@code threads} threads each wanting {@code duty} of a core; its CPU goes to {@code accounted}. */
    private static final class Hog {
        final int threads;
        final double duty;
        final LongConsumer accounted;
        double rate;
        double owed;

        Hog(int threads, double duty, LongConsumer accounted) {
            this.threads = threads;
            this.duty = duty;
            this.accounted = accounted;
        }
    }

    CpuShare(EventLoop loop, double cores, BooleanSupplier up) {
        if (!(cores > 0)) throw new IllegalArgumentException("cores must be > 0, got " + cores);
        this.loop = loop;
        this.capacity = Math.max(1, (int) Math.ceil(cores - 1e-9));
        this.quota = cores * PERIOD_NANOS;
        this.up = up;
    }

    /** Runs a step needing {@code work} CPU nanoseconds; {@code done} gets {@code work} when it has had them. */
    void run(long work, LongConsumer done) {
        advance();
        jobs.add(new Job(attained + work, seq++, work, done));
        reshare();
    }

    /** Starts a hog of {@code cores} (ceil(cores) threads, each burning its share of them). */
    Cancellable hog(double cores, LongConsumer accounted) {
        advance();
        int threads = (int) Math.ceil(cores);
        Hog h = new Hog(threads, cores / threads, accounted);
        hogs.add(h);
        reshare();
        if (hogs.size() == 1) account();
        return () -> {
            if (!hogs.contains(h)) return;
            advance();
            hogs.remove(h);
            reshare();
        };
    }

    /** Hogs' CPU is accounted every 10 ms (as the live hog's duty cycles are), even when no step comes or goes. */
    private void account() {
        loop.after(HOG_SLICE_NANOS, () -> {
            if (hogs.isEmpty()) return;
            advance();
            account();
        });
    }

    /** The replica died: its running steps are gone (their requests are lost). */
    void clear() {
        advance();
        jobs.clear();
        reshare();
    }

    /** The replica came up again: hogs and steps get their shares back. */
    void wake() {
        advance();
        reshare();
    }

    /** Brings everything up to now at the current rates; a new period starts with a fresh quota. */
    private void advance() {
        long now = loop.now();
        long dt = now - last;
        last = now;
        double used = 0; // CPU nanoseconds per nanosecond, all threads together
        if (dt > 0) {
            attained += rate * dt;
            used = rate * jobs.size();
            for (Hog h : hogs) {
                h.owed += h.rate * dt;
                used += h.rate;
                if (h.owed >= 1_000_000) { // account in whole milliseconds' worth, not per event
                    long whole = (long) h.owed;
                    h.owed -= whole;
                    h.accounted.accept(whole);
                }
            }
        }
        long p = now / PERIOD_NANOS;
        if (p != period) { // only what ran since the boundary counts against the new period's quota
            period = p;
            throttled = false;
            usedInPeriod = used * Math.min(dt, now - p * PERIOD_NANOS);
        } else {
            usedInPeriod += used * dt;
        }
    }

    /** New shares after a change; then the next finish, quota exhaustion and period boundary are (re)scheduled. */
    private void reshare() {
        boolean running = up.getAsBoolean() && !throttled;
        int n = running ? jobs.size() : 0;
        double level = running ? waterLevel(n) : 0;
        rate = Math.min(1.0, level);
        double consumption = rate * n;
        for (Hog h : hogs) {
            h.rate = running ? h.threads * Math.min(h.duty, level) : 0;
            consumption += h.rate;
        }
        cancel(finishEvent);
        cancel(exhaustEvent);
        finishEvent = null;
        exhaustEvent = null;
        if (n > 0) {
            double remaining = jobs.peek().finish - attained;
            long dt = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate);
            finishEvent = loop.after(dt, this::finishDue);
        }
        long boundary = (loop.now() / PERIOD_NANOS + 1) * PERIOD_NANOS;
        if (consumption > 0 && consumption * PERIOD_NANOS > quota * (1 + 1e-12)) {
            long toExhaust = (long) Math.ceil(Math.max(0, quota - usedInPeriod) / consumption);
            if (loop.now() + toExhaust < boundary) exhaustEvent = loop.after(toExhaust, this::exhaust);
        }
        // A boundary matters while throttled (the quota comes back) or while a throttle is possible at all.
        boolean mayThrottle = throttled || consumption * PERIOD_NANOS > quota * (1 + 1e-12);
        if (mayThrottle && (boundaryEvent == null || boundaryEvent.task == null)) boundaryEvent = loop.at(boundary, this::boundary);
    }

    private static void cancel(EventLoop.Event e) {
        if (e != null) e.cancel();
    }

    /** The share L each demand gets up to its own size over {@code capacity} cores: sum of min(demand, L) = capacity, or all it wants. */
    private double waterLevel(int steps) {
        double demand = steps;
        int threads = 0;
        for (Hog h : hogs) {
            demand += h.threads * h.duty;
            threads += h.threads;
        }
        if (demand <= capacity) return 1.0;
        // Raise the level through the distinct demand sizes (hog duties, then 1 for steps) until the cores are used up.
        double left = capacity;
        int unsaturated = steps + threads;
        double level = 0;
        List<Hog> byDuty = new ArrayList<>(hogs);
        byDuty.sort((a, b) -> Double.compare(a.duty, b.duty));
        for (Hog h : byDuty) {
            double need = (h.duty - level) * unsaturated;
            if (need >= left) return level + left / unsaturated;
            left -= need;
            level = h.duty;
            unsaturated -= h.threads;
        }
        return unsaturated == 0 ? level : level + left / unsaturated;
    }

    private void exhaust() {
        exhaustEvent = null;
        advance();
        throttled = true;
        reshare();
    }

    private void boundary() {
        boundaryEvent = null;
        advance(); // the new period: quota back, throttle lifted
        reshare();
    }

    private void finishDue() {
        finishEvent = null;
        advance();
        List<Job> done = null;
        while (!jobs.isEmpty() && jobs.peek().finish <= attained + 0.5) {
            if (done == null) done = new ArrayList<>(2);
            done.add(jobs.poll());
        }
        reshare();
        if (done != null) for (Job j : done) j.done.accept(j.work);
    }
}
