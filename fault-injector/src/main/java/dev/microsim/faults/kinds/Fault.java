package dev.microsim.faults.kinds;

import dev.microsim.model.graph.CallGraph;
import dev.microsim.model.scenario.FaultTarget;
import java.util.Set;

/**
 * The closed catalogue of fault kinds, one small file each (Toxiproxy's toxics, Chaos Mesh's
 * actions). A value holds validated parameters; {@link #inject} composes runtime effects and
 * replica kills/starts on the mesh and returns what is needed to recover. The share of requests
 * lives once in the target (see {@link Injection#scope()}), never in a kind.
 */
public sealed interface Fault
        permits Latency, HttpError, ExceptionFault, CpuHog, MemoryLeak, MemoryPressure, Crash, CrashLoop, Hang,
        PoolExhaustion, Partition, PacketLoss, Bandwidth, Unreachable, BadDeploy, Misconfiguration, RetryStorm,
        LogStorm, ClockSkew, SlowDisk, CacheFailure {

    /** The kind's name as written in YAML. */
    String kind();

    /** What this fault does with its parameters, for logs, the control API and labels. */
    String describe();

    /** Starts acting; throws (IllegalStateException) if the mesh cannot apply it: the run then fails loudly. */
    Applied inject(Injection injection);

    /** The services at fault (ground truth for root-cause ranking). */
    default Set<String> rootCauses(FaultTarget target) {
        return Set.of(target.service());
    }

    /** Services affected other than the root causes and their upstream callers (e.g. a cache's backend). */
    default Set<String> alsoAffected(FaultTarget target, CallGraph graph) {
        return Set.of();
    }
}
