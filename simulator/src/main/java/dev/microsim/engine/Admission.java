package dev.microsim.engine;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A replica's concurrency limit and bounded wait queue: {@code limit} requests run, {@code queue}
 * more wait in arrival order, the rest are rejected (503). Used only on the replica's thread;
 * the counters are volatile so the metrics sampler can read them from its own thread.
 */
final class Admission {
    enum Outcome { RUN, QUEUED, REJECTED }

    private final int limit;
    private final int queueCapacity;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private volatile int running;
    private volatile int queued;

    Admission(int limit, int queueCapacity) {
        this.limit = limit;
        this.queueCapacity = queueCapacity;
    }

    Outcome admit(Request rc, int heldSlots) {
        if (running < limit - heldSlots && waiting.isEmpty()) {
            running++;
            return Outcome.RUN;
        }
        if (waiting.size() < queueCapacity) {
            waiting.add(rc);
            queued = waiting.size();
            return Outcome.QUEUED;
        }
        return Outcome.REJECTED;
    }

    /** A running request finished. */
    void release() {
        running--;
    }

    /** The next waiting request if a slot is free (and takes the slot), else null. */
    Request next(int heldSlots) {
        if (waiting.isEmpty() || running >= limit - heldSlots) return null;
        Request rc = waiting.poll();
        queued = waiting.size();
        running++;
        return rc;
    }

    /** Forget everything (replica killed); returns the requests that were waiting. */
    List<Request> clear() {
        var list = List.copyOf(waiting);
        waiting.clear();
        queued = 0;
        running = 0;
        return list;
    }

    int running() {
        return running;
    }

    int queued() {
        return queued;
    }

    int limit() {
        return limit;
    }
}
