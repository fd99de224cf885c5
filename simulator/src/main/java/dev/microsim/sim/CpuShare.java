package dev.microsim.sim;

import dev.microsim.engine.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One replica's CPU in virtual time: processor sharing of {@code cores} between its running compute
 * steps (each single-threaded: at most one core) and any CPU hogs (threads that want a duty cycle of
 * a core), shared max-min fairly, as the kernel's CFS shares a cgroup's quota between its threads.
 * With n steps and no hog each step runs at min(1, cores / n).
 *
 * <p>All running steps progress at the same rate, so the queue keeps, per step, the amount of
 * "attained service" at which it finishes; one event is pending at a time, for the next finish.
 */
final class CpuShare {
    private record Job(double finish, long seq, long work, LongConsumer done) {}

    private static final long HOG_SLICE_NANOS = 10_000_000L;

    private final EventLoop loop;
    private final double cores;
    private final BooleanSupplier up;
    private final PriorityQueue<Job> jobs = new PriorityQueue<>((a, b) -> a.finish != b.finish ? Double.compare(a.finish, b.finish) : Long.compare(a.seq, b.seq));
    private final List<Hog> hogs = new ArrayList<>();
    private long seq;
    /** CPU nanoseconds each running step has received since the start (they all progress alike). */
    private double attained;
    private double rate;
    private long last;
    private EventLoop.Event next;

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
        this.cores = cores;
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

    private void advance() {
        long now = loop.now();
        long dt = now - last;
        last = now;
        if (dt <= 0) return;
        attained += rate * dt;
        for (Hog h : hogs) {
            h.owed += h.rate * dt;
            if (h.owed >= 1_000_000) { // account in whole milliseconds' worth, not per event
                long whole = (long) h.owed;
                h.owed -= whole;
                h.accounted.accept(whole);
            }
        }
    }

    /** Max-min fair shares of the cores; then the next finish is (re)scheduled. */
    private void reshare() {
        boolean running = up.getAsBoolean();
        int n = running ? jobs.size() : 0;
        double level = waterLevel(n, running);
        rate = Math.min(1.0, level);
        for (Hog h : hogs) h.rate = running ? h.threads * Math.min(h.duty, level) : 0;
        if (next != null) {
            next.cancel();
            next = null;
        }
        if (n > 0) {
            double remaining = jobs.peek().finish - attained;
            long dt = remaining <= 0 ? 0 : (long) Math.ceil(remaining / rate);
            next = loop.after(dt, this::finishDue);
        }
    }

    /** The share L every demand gets up to its own size: sum of min(demand, L) equals the cores, or everyone gets all it wants. */
    private double waterLevel(int steps, boolean running) {
        if (!running) return 0;
        double demand = steps;
        int threads = 0;
        for (Hog h : hogs) {
            demand += h.threads * h.duty;
            threads += h.threads;
        }
        if (demand <= cores) return 1.0;
        // Raise the level through the distinct demand sizes (hog duties, then 1 for steps) until the cores are used up.
        double left = cores;
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

    private void finishDue() {
        next = null;
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
