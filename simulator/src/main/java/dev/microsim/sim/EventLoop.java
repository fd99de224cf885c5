package dev.microsim.sim;

import dev.microsim.engine.Cancellable;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The discrete-event engine's one clock and event queue: virtual nanoseconds since the run began,
 * events run in the order of (time, scheduling order), so a run is the same every time.
 * Single-threaded: every event runs on the thread that calls {@link #runUntil}.
 *
 * <p>Two structures, one order. A 4-ary min-heap over parallel arrays (times and sequence numbers
 * side by side, so a sift reads contiguous memory) holds the events. Events whose delay is a whole
 * number of milliseconds (call and request timeouts, constant sleeps, backoffs: most of them are
 * cancelled long before they are due) go to a FIFO lane per delay instead: with one delay and a
 * clock that never goes back, a lane's deadlines are already in order, so it costs O(1) and only
 * its first live entry sits in the heap. A cancelled event in a lane never touches the heap.
 *
 * <p>In front of the heap, one register holds the earliest event whenever it was scheduled below
 * every event in the heap: the common chain of a request (a hop, the callee's step, the next hop)
 * schedules the very next event to run, which then costs no sift at all. The register only caches
 * the minimum, so the order is exactly the heap's. Events nobody can cancel ({@link #post}) go in as
 * their bare task, without an {@link Event} around them.
 */
public final class EventLoop {
    /** A scheduled task; cancelling it before it runs means it never runs. */
    public static final class Event implements Cancellable {
        final long time;
        Runnable task;
        /** The lane it waits in, or null (the heap). */
        private final Lane lane;

        Event(long time, Runnable task, Lane lane) {
            this.time = time;
            this.task = task;
            this.lane = lane;
        }

        @Override
        public void cancel() {
            if (task == null) return; // ran, or cancelled before
            task = null;
            if (lane != null) lane.dropCancelledTail();
        }
    }

    /** Lanes for at most this many distinct delays; others go to the heap. */
    private static final int MAX_LANES = 128;

    private long[] times = new long[1 << 12];
    private long[] seqs = new long[1 << 12];
    private Object[] tasks = new Object[1 << 12]; // an Event, or a Lane standing for its first event
    private int size;
    private long now;
    private long seq;
    private long executed;
    private final long[] laneDelays = new long[MAX_LANES];
    private final Lane[] lanes = new Lane[MAX_LANES];
    private int laneCount;
    /** The earliest event, when it is below the heap's top (see the class comment); slotTask null when empty. */
    private long slotTime;
    private Object slotTask;
    private long slotSeq;

    /** Virtual nanoseconds since the run began. */
    public long now() {
        return now;
    }

    /** Events run so far. */
    public long executed() {
        return executed;
    }

    /** Schedules {@code task} at virtual time {@code time} (no earlier than now). */
    public Event at(long time, Runnable task) {
        Event e = new Event(Math.max(time, now), task, null);
        push(e.time, e);
        return e;
    }

    /**
     * Schedules {@code task} {@code delayNanos} from now, for good: it cannot be cancelled, so no
     * {@link Event} is made for it (unless its delay goes to a lane). Same order as {@link #after}.
     */
    public void post(long delayNanos, Runnable task) {
        long delay = Math.max(0, delayNanos);
        if (delay >= 1_000_000 && delay % 1_000_000 == 0) {
            Lane lane = lane(delay);
            if (lane != null) {
                lane.add(new Event(now + delay, task, null)); // nobody cancels it: no lane to tell
                return;
            }
        }
        push(now + delay, task);
    }

    /** Schedules {@code task} at virtual time {@code time} (no earlier than now), for good (see {@link #post}). */
    public void postAt(long time, Runnable task) {
        push(Math.max(time, now), task);
    }

    public Event after(long delayNanos, Runnable task) {
        long delay = Math.max(0, delayNanos);
        if (delay >= 1_000_000 && delay % 1_000_000 == 0) {
            Lane lane = lane(delay);
            if (lane != null) return lane.add(new Event(now + delay, task, lane));
        }
        return at(now + delay, task);
    }

    /** When the next live event is due, or {@link Long#MAX_VALUE} when none is left. */
    public long nextTime() {
        if (slotTask instanceof Event e && e.task == null) slotTask = null;
        if (slotTask != null) return slotTime;
        while (size > 0 && tasks[0] instanceof Event e && e.task == null) pop();
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /**
     * Runs every event due at or before {@code limit}, in order, then moves the clock to {@code limit}.
     * Every {@code checkEvery} events it calls {@code check} (progress, cancellation); a check that
     * throws stops the loop with the clock at the last event run.
     */
    public void runUntil(long limit, int checkEvery, Runnable check) {
        int sinceCheck = 0;
        while (true) {
            long t;
            Object r;
            if (slotTask != null) {
                t = slotTime;
                if (t > limit) break;
                r = slotTask;
                slotTask = null;
            } else {
                if (size == 0 || times[0] > limit) break;
                t = times[0];
                r = tasks[0];
                pop();
            }
            Runnable task;
            if (r instanceof Event e) {
                task = e.task;
                if (task == null) continue;
                e.task = null;
            } else {
                task = (Runnable) r; // a posted task, or a lane's head: the lane runs its entry and re-arms
            }
            now = t;
            executed++;
            task.run();
            if (++sinceCheck >= checkEvery) {
                sinceCheck = 0;
                check.run();
            }
        }
        if (limit > now) now = limit;
    }

    private void push(long time, Object task) {
        long s = seq++;
        // The newest event is below another only if strictly earlier (at equal times its number is the larger).
        if (slotTask == null) {
            if (size == 0 || time < times[0]) {
                slotTime = time;
                slotTask = task;
                slotSeq = s;
                return;
            }
        } else if (time < slotTime) {
            heapPush(slotTime, slotSeq, slotTask);
            slotTime = time;
            slotTask = task;
            slotSeq = s;
            return;
        }
        heapPush(time, s, task);
    }

    private void heapPush(long time, long s, Object task) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            tasks = Arrays.copyOf(tasks, size * 2);
        }
        int i = size++;
        while (i > 0) { // sift up
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < time || (pt == time && seqs[parent] < s)) break;
            times[i] = pt;
            seqs[i] = seqs[parent];
            tasks[i] = tasks[parent];
            i = parent;
        }
        times[i] = time;
        seqs[i] = s;
        tasks[i] = task;
    }

    private void pop() {
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Object task = tasks[last];
        tasks[last] = null;
        if (last == 0) return;
        int i = 0;
        while (true) { // sift down
            int first = 4 * i + 1;
            if (first >= last) break;
            int best = first;
            long bt = times[first];
            long bs = seqs[first];
            int end = Math.min(first + 4, last);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && seqs[c] < bs)) {
                    best = c;
                    bt = ct;
                    bs = seqs[c];
                }
            }
            if (t < bt || (t == bt && s < bs)) break;
            times[i] = bt;
            seqs[i] = bs;
            tasks[i] = tasks[best];
            i = best;
        }
        times[i] = t;
        seqs[i] = s;
        tasks[i] = task;
    }

    private Lane lane(long delay) {
        for (int i = 0; i < laneCount; i++) if (laneDelays[i] == delay) return lanes[i];
        if (laneCount == MAX_LANES) return null;
        laneDelays[laneCount] = delay;
        return lanes[laneCount++] = new Lane();
    }

    /**
     * Events of one delay, in deadline order. At most one heap entry stands for the lane: its first
     * live event; when it runs, the lane runs that event and arms the next live one.
     *
     * <p>Cancelled events at the lane's end leave it at once ({@link #dropCancelledTail}): timeouts are
     * mostly cancelled newest first (a request's call tree answers from the deepest call up), so the
     * lane stays a few entries long instead of holding a whole delay's worth of dead timers, each read
     * again, long out of cache, when the lane's head reaches it. Cancelled events are skipped wherever
     * they are, so leaving early changes no event and no heap entry: the order is the same.
     */
    private final class Lane implements Runnable {
        private final ArrayDeque<Event> events = new ArrayDeque<>();
        private boolean armed;

        void dropCancelledTail() {
            Event last;
            while ((last = events.peekLast()) != null && last.task == null) events.pollLast();
        }

        Event add(Event e) {
            events.add(e);
            if (!armed) arm();
            return e;
        }

        private void arm() {
            Event head;
            while ((head = events.peek()) != null && head.task == null) events.poll();
            armed = head != null;
            if (armed) push(head.time, this);
        }

        @Override
        public void run() {
            armed = false;
            Event head = events.poll();
            while (head != null && head.task == null) head = events.poll(); // cancelled since it was armed
            if (head != null && head.time > now) {
                // The armed head was cancelled and the next live one is due later: wait for it.
                events.addFirst(head);
                arm();
                return;
            }
            Runnable task = head == null ? null : head.task;
            if (head != null) head.task = null;
            arm();
            if (task != null) task.run();
        }
    }
}
