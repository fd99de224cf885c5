package dev.microsim.engine;

import java.util.function.LongConsumer;

/**
 * The engine port: what the request interpreter needs from an engine to serve one replica. The live
 * engine (Vert.x: real HTTP, real CPU, real timers) and the discrete-event engine (virtual clock,
 * event queue) implement it; the interpreter never sees which one it runs on.
 *
 * <p>Threading contract: every method is called on the replica's own thread (its event loop, or the
 * simulation thread), and every callback runs on that thread too, so the interpreter's state of a
 * replica needs no locks. Code on another thread (a fault scheduler, a sampler) enters through
 * {@link #execute}.
 */
public interface ReplicaEngine {
    /** The engine's one clock: monotonic nanoseconds (live: {@link System#nanoTime}; fast: virtual time of the run). */
    long now();

    /** Epoch nanoseconds at {@link #now()}, for timestamps in telemetry (the run's injected or virtual clock). */
    long epochNanos();

    /**
     * Runs {@code task} on the replica's thread after {@code delayNanos}. An engine may round to its
     * timer resolution (live: milliseconds, and waits under half a millisecond run at once, inside this
     * call); the discrete-event engine is exact.
     */
    Cancellable schedule(long delayNanos, Runnable task);

    /** Runs {@code task} on the replica's thread as soon as possible (never inside this call); any thread may call it. */
    void execute(Runnable task);

    /**
     * Starts a request's script, once the request is admitted. An engine that models the server's own
     * cost per request (fast mode's platform {@code serverOverhead}) starts it that much later, inside
     * the server span; the live engine starts it at once, as it pays that cost for real.
     */
    default void serve(Runnable script) {
        script.run();
    }

    /**
     * Runs one compute step costing {@code cpuNanos} of CPU time within the replica's CPU budget; when it
     * is done, {@code done} gets the CPU time actually used (on the replica's thread).
     */
    void compute(long cpuNanos, LongConsumer done);

    /**
     * Sends one call attempt to a replica of {@code call.service()} that the engine picks. Exactly one of
     * {@code result}'s methods is called later, unless the returned handle is cancelled first (a timeout:
     * the engine then abandons the request, and the callee sees its caller gone).
     */
    Cancellable send(Outbound call, CallResult result);

    /**
     * Burns {@code cores} of CPU in the background on this replica (a CPU hog), competing with its compute
     * steps for the same budget; {@code accounted} gets each slice of CPU time burnt (any thread). The
     * returned handle stops it.
     */
    Cancellable burn(double cores, LongConsumer accounted);
}
