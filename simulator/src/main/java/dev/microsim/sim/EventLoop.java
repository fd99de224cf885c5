package dev.microsim.sim;

import dev.microsim.engine.Cancellable;

/**
 * The discrete-event engine's one clock and event queue: virtual nanoseconds since the run began,
 * and a min-heap of events ordered by (time, insertion order), so events due at the same instant run
 * in the order they were scheduled and a run is the same every time. Single-threaded: every event
 * runs on the thread that calls {@link #runUntil}. Cancelled events stay queued and are skipped.
 */
public final class EventLoop {
    /** A scheduled task; cancelling it before it runs means it never runs. */
    public static final class Event implements Cancellable {
        final long time;
        final long seq;
        Runnable task;

        Event(long time, long seq, Runnable task) {
            this.time = time;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            task = null;
        }

        boolean before(Event o) {
            return time < o.time || (time == o.time && seq < o.seq);
        }
    }

    private Event[] heap = new Event[1 << 12];
    private int size;
    private long now;
    private long seq;
    private long executed;

    /** Virtual nanoseconds since the run began. */
    public long now() {
        return now;
    }

    /** Events run so far. */
    public long executed() {
        return executed;
    }

    /** Events waiting (cancelled ones included until they come up). */
    public int pending() {
        return size;
    }

    /** Schedules {@code task} at virtual time {@code time} (no earlier than now). */
    public Event at(long time, Runnable task) {
        Event e = new Event(Math.max(time, now), seq++, task);
        if (size == heap.length) heap = java.util.Arrays.copyOf(heap, size * 2);
        int i = size++;
        while (i > 0) { // sift up
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!e.before(p)) break;
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
        return e;
    }

    public Event after(long delayNanos, Runnable task) {
        return at(now + Math.max(0, delayNanos), task);
    }

    /** When the next live event is due, or {@link Long#MAX_VALUE} when none is left. */
    public long nextTime() {
        while (size > 0 && heap[0].task == null) pop();
        return size == 0 ? Long.MAX_VALUE : heap[0].time;
    }

    /**
     * Runs every event due at or before {@code limit}, in order, then moves the clock to {@code limit}.
     * Every {@code checkEvery} events it calls {@code check} (progress, cancellation); a check that
     * throws stops the loop with the clock at the last event run.
     */
    public void runUntil(long limit, int checkEvery, Runnable check) {
        int sinceCheck = 0;
        while (size > 0) {
            Event e = heap[0];
            if (e.task == null) {
                pop();
                continue;
            }
            if (e.time > limit) break;
            pop();
            now = e.time;
            Runnable task = e.task;
            e.task = null;
            executed++;
            task.run();
            if (++sinceCheck >= checkEvery) {
                sinceCheck = 0;
                check.run();
            }
        }
        if (limit > now) now = limit;
    }

    private void pop() {
        Event last = heap[--size];
        heap[size] = null;
        if (size == 0) return;
        int i = 0;
        int half = size >>> 1;
        while (i < half) { // sift down
            int child = 2 * i + 1;
            Event c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) c = heap[child = right];
            if (!c.before(last)) break;
            heap[i] = c;
            i = child;
        }
        heap[i] = last;
    }
}
