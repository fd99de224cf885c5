package dev.microsim.cluster;

import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A mesh that runs outside the recording JVM, one process per replica: pods on Kubernetes
 * ({@link KubeCluster}), or {@code microsim serve} processes on this machine ({@link LoopbackCluster}).
 * {@link dev.microsim.run.ClusterRun} drives either the same way: bring the pods up, run the load
 * program ({@code microsim drive}) to its end while faults go to the pods, record what they export
 * over OTLP, and tear everything down on every path.
 */
public interface Cluster extends AutoCloseable {
    /** The run's mode as the dataset records it: {@code kubernetes}, {@code pods}. */
    String mode();

    /**
     * Starts the mesh of {@code scenario} (the resolved one, written at {@code scenarioFile}); its
     * pods export to {@code otlp} (the recorder's receiver, or a collector that forwards to it).
     * Returns once every pod is ready; throws after {@code timeout}, naming what is not.
     */
    void up(Scenario scenario, Path scenarioFile, URI otlp, Duration timeout, Consumer<String> progress) throws InterruptedException;

    /**
     * When the warm-up that {@link #up} ran ended (what the pods record before it is not the run's),
     * or null if the cluster does not warm its pods up.
     */
    default java.time.Instant warmedUntil() {
        return null;
    }

    /** What the fault schedule acts on (the pods' control endpoints). */
    MeshTarget mesh(Clock clock);

    /** How each fault is carried: Chaos Mesh resources where they express it, else the control endpoints. */
    FaultMechanism mechanism(Clock clock);

    /**
     * Runs the load program ({@code microsim drive}) against the mesh until it ends; its events go
     * to {@code otlp}. Throws if it fails or outlives {@code timeout}; an interrupt stops it.
     * Returns what the load program said at its end (its last lines, or where to read them), for a
     * run that must explain why none of its events arrived.
     */
    String drive(URI otlp, Duration timeout) throws InterruptedException;

    /** Stops every pod and the load, removes what the run created; idempotent, safe from a shutdown hook. */
    @Override
    void close();
}
