package dev.microsim.cluster;

import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.kubernetes.chaos.ChaosMeshMechanism;
import dev.microsim.kubernetes.chaos.ChaosResources;
import dev.microsim.kubernetes.cluster.KubeMesh;
import dev.microsim.kubernetes.cluster.MeshStatus;
import dev.microsim.kubernetes.control.ControlToken;
import dev.microsim.kubernetes.control.KubernetesPodDirectory;
import dev.microsim.kubernetes.control.PodControlMesh;
import dev.microsim.kubernetes.render.MeshRenderer;
import dev.microsim.kubernetes.render.RenderOptions;
import dev.microsim.kubernetes.render.RenderedMesh;
import dev.microsim.model.scenario.Scenario;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A mesh on a Kubernetes cluster through fabric8: {@link #up} applies the rendered objects and waits
 * until every Deployment is ready (with progress), the load is the rendered Job (created suspended,
 * resumed here, awaited until it succeeds or fails), faults are Chaos Mesh resources where they
 * express the fault and the pods' control endpoints otherwise, and {@link #close} deletes it all
 * (chaos resources first) and waits until the namespace is gone. The pods export to the collector,
 * which forwards to the recorder at the rendered {@code --recorder} URL.
 */
public final class KubeCluster implements Cluster {
    static final Duration POLL = Duration.ofMillis(500);
    private final KubernetesClient client;
    private final RenderOptions options;
    private final Duration ackTimeout;
    private final Duration teardownTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean ownsClient;
    private volatile Scenario scenario;
    private volatile KubeMesh kube;

    /**
     * @param ackTimeout how long a Chaos Mesh resource may take to say AllInjected (zero: not awaited)
     * @param teardownTimeout how long teardown waits for the namespace to go
     */
    public KubeCluster(KubernetesClient client, RenderOptions options, Duration ackTimeout, Duration teardownTimeout) {
        this(client, options, ackTimeout, teardownTimeout, false);
    }

    /**
     * As above; {@code ownsClient}: {@link #close} closes the client after the teardown (the CLI's
     * client must outlive the run's thread: on Ctrl-C the teardown runs in a shutdown hook).
     */
    public KubeCluster(KubernetesClient client, RenderOptions options, Duration ackTimeout, Duration teardownTimeout, boolean ownsClient) {
        this.ownsClient = ownsClient;
        this.client = client;
        this.options = options;
        this.ackTimeout = ackTimeout;
        this.teardownTimeout = teardownTimeout;
    }

    @Override
    public String mode() {
        return "kubernetes";
    }

    /** The namespace of the mesh (known once {@link #up} started). */
    public String namespace() {
        return kube == null ? null : kube.namespace();
    }

    @Override
    public void up(Scenario scenario, Path scenarioFile, URI otlp, Duration timeout, Consumer<String> progress) throws InterruptedException {
        this.scenario = scenario;
        RenderedMesh mesh = new MeshRenderer(options).render(scenario);
        KubeMesh k = new KubeMesh(client, mesh);
        kube = k;
        if (closed.get()) throw new InterruptedException("stopping");
        progress.accept("microsim: applying " + mesh.objects().size() + " objects to namespace " + mesh.namespace() + " at " + client.getMasterUrl()
                + " (the collector forwards to " + options.recorder() + ")");
        k.deploy();
        k.awaitReady(timeout, (MeshStatus s) -> progress.accept("microsim: " + s.readyCount() + "/" + s.workloads().size() + " deployments ready"
                + (s.ready() ? "" : "; waiting for " + String.join(", ", s.notReady()))));
    }

    @Override
    public MeshTarget mesh(Clock clock) {
        String ns = kube.namespace();
        return new PodControlMesh(scenario, new KubernetesPodDirectory(client, ns, scenario.name()), () -> ControlToken.read(client, ns), clock);
    }

    @Override
    public FaultMechanism mechanism(Clock clock) {
        String ns = kube.namespace();
        ChaosResources chaos = new ChaosResources(client, ns, scenario.name(), new KubernetesPodDirectory(client, ns, scenario.name()), clock, ackTimeout);
        return new ChaosMeshMechanism(chaos, LoopbackCluster.CONTROL_ENDPOINTS, clock);
    }

    /** Resumes the suspended load Job and waits until it succeeds; its failure, or no end within {@code timeout}, fails the run. */
    @Override
    public String drive(URI otlp, Duration timeout) throws InterruptedException {
        String ns = kube.namespace();
        var job = client.batch().v1().jobs().inNamespace(ns).withName(MeshRenderer.LOAD_JOB);
        if (job.get() == null) throw new IllegalStateException("the load Job " + ns + "/" + MeshRenderer.LOAD_JOB + " is missing");
        job.edit(j -> {
            j.getSpec().setSuspend(false);
            return j;
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Job j = job.get();
            if (j == null) throw new IllegalStateException("the load Job " + ns + "/" + MeshRenderer.LOAD_JOB + " was deleted while it ran");
            var status = j.getStatus();
            if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) return "its output: kubectl -n " + ns + " logs job/" + MeshRenderer.LOAD_JOB;
            if (status != null && status.getFailed() != null && status.getFailed() > 0) {
                String why = status.getConditions() == null ? "" : status.getConditions().stream()
                        .map(c -> c.getType() + (c.getReason() == null ? "" : " " + c.getReason()) + (c.getMessage() == null ? "" : ": " + c.getMessage()))
                        .collect(Collectors.joining("; "));
                throw new IllegalStateException("the load Job " + ns + "/" + MeshRenderer.LOAD_JOB + " failed" + (why.isEmpty() ? "" : " (" + why + ")")
                        + " (kubectl -n " + ns + " logs job/" + MeshRenderer.LOAD_JOB + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the load Job " + ns + "/" + MeshRenderer.LOAD_JOB + " did not end within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Deletes everything the run applied (chaos resources first) and waits for the namespace to go; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        KubeMesh k = kube;
        try {
            if (k != null) k.teardown(teardownTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("teardown of namespace " + k.namespace() + " was interrupted; microsim teardown removes the rest", e);
        } finally {
            if (ownsClient) client.close();
        }
    }
}
