package dev.microsim.faults.mesh;

import dev.microsim.faults.effect.Effect;
import java.time.Clock;
import java.time.Instant;

/**
 * The small surface a mesh runtime (local JVM, Kubernetes, fast mode) offers to the fault
 * injector. The injector never reaches into the runtime otherwise.
 */
public interface MeshTarget {
    /** The runtime's clock: label times and schedules use it, never the wall clock directly. */
    Clock clock();

    /** Number of replicas the scenario gives {@code service}. */
    int replicas(String service);

    /**
     * Starts honouring {@code effect}; throws {@link IllegalStateException} with a reason if it cannot
     * (the injector then fails the run loudly).
     */
    EffectHandle apply(Effect effect);

    /** Stops a replica abruptly (crash): in-flight requests fail, new connections are refused. Returns when done. */
    Instant killReplica(String service, int replica);

    /** Starts a stopped replica again, counting a restart. Returns when it serves. */
    Instant startReplica(String service, int replica);
}
