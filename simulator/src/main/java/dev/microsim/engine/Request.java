package dev.microsim.engine;

import java.util.random.RandomGenerator;

/**
 * One request inside a replica, from arrival to answer. Touched only on the replica's thread. It is
 * also what each step of its script reports to ({@link StepDone}): the script goes on with the next
 * step ({@link #step}) without a closure per step.
 */
final class Request extends SplitMix implements StepDone, Runnable {
    final ReplicaInterpreter replica;
    final Inbound inbound;
    final ServiceState.Route route;
    final long arrivalNanos;
    final RequestSpan span;
    /** The request's identity (the {@code x-microsim-key} header, or a hand-made request's stand-in). */
    final long key;
    /** Every draw this request makes comes from its own stream, which is the request itself (see {@link RequestRandom}), never a shared one. */
    final RandomGenerator random = this;
    boolean admitted;
    boolean finished;
    /** Lost to a kill of its replica; volatile because a parked (hung) request may be looked at from the effect's thread. */
    volatile boolean killed;
    long memoryBytes;
    ServerPlan plan = ServerPlan.NONE;
    /** The next step of the endpoint's script to start. */
    int step;
    /** Neighbours in its replica's list of running requests (arrival order). */
    Request prev;
    Request next;

    /** @param streamSeed the seed of the request's stream ({@link RequestRandom#streamSeed}) */
    Request(ReplicaInterpreter replica, Inbound inbound, ServiceState.Route route, long arrivalNanos, RequestSpan span, long key,
            long streamSeed) {
        super(streamSeed);
        this.replica = replica;
        this.inbound = inbound;
        this.route = route;
        this.arrivalNanos = arrivalNanos;
        this.span = span;
        this.key = key;
    }

    /** Starts its script, unless it was answered meanwhile (what {@link ReplicaEngine#serve} runs: no closure per request). */
    @Override
    public void run() {
        if (!finished) replica.script.run(this);
    }

    /** A step of the script (a top-level one) is over. */
    @Override
    public void done(boolean ok) {
        replica.script.stepDone(this, ok);
    }
}
