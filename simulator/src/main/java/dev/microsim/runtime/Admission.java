package dev.microsim.runtime;

import java.util.ArrayDeque;

/**
 * A replica's concurrency limit and bounded wait queue: {@code limit} requests run, {@code queue}
 * more wait in arrival order, the rest are rejected (503). Used only on the replica's event loop;
 * the counters are volatile so the metrics sampler can read them from its own thread.
 */
final class Admission {
    enum Outcome { RUN, QUEUED, REJECTED }

    private final int limit;
    private final int queueCapacity;
    private final ArrayDeque<RequestCtx> waiting = new ArrayDeque<>();
    private volatile int running;
    private volatile int queued;

    Admission(int limit, int queueCapacity) {
        this.limit = limit;
        this.queueCapacity = queueCapacity;
    }

    Outcome admit(RequestCtx rc, int heldSlots) {
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
    RequestCtx next(int heldSlots) {
        if (waiting.isEmpty() || running >= limit - heldSlots) return null;
        RequestCtx rc = waiting.poll();
        queued = waiting.size();
        running++;
        return rc;
    }

    /** Forget everything (replica killed); returns the requests that were waiting. */
    java.util.List<RequestCtx> clear() {
        var list = java.util.List.copyOf(waiting);
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
