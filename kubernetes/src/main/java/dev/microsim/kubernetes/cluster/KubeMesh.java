package dev.microsim.kubernetes.cluster;

import dev.microsim.kubernetes.chaos.ChaosResources;
import dev.microsim.kubernetes.render.KubeLabels;
import dev.microsim.kubernetes.render.MeshRenderer;
import dev.microsim.kubernetes.render.RenderedMesh;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A rendered mesh in a cluster, through fabric8: {@link #deploy} applies every object (and the
 * control token's Secret, made fresh), {@link #awaitReady} waits for the Deployments with a
 * timeout and progress, {@link #status} reports them, {@link #teardown} deletes everything the
 * mesh is made of, chaos resources first, and waits until it is gone.
 */
public final class KubeMesh {
    private static final Duration POLL = Duration.ofMillis(250);
    private final KubernetesClient client;
    private final RenderedMesh mesh;

    public KubeMesh(KubernetesClient client, RenderedMesh mesh) {
        this.client = client;
        this.mesh = mesh;
    }

    public String namespace() {
        return mesh.namespace();
    }

    /** Creates or updates every object (server-side apply semantics through createOrReplace), the Namespace first. */
    public List<HasMetadata> deploy() {
        List<HasMetadata> applied = new ArrayList<>();
        for (HasMetadata o : mesh.objects()) {
            applied.add(o instanceof Namespace ? client.resource(o).createOr(existing -> existing.update()) : client.resource(o).inNamespace(namespace()).createOr(existing -> existing.update()));
            if (o instanceof Namespace) applied.add(controlSecret());
        }
        return applied;
    }

    /** The pods' control token: random per deploy, never in the rendered files; kept if it exists (pods already read it). */
    private HasMetadata controlSecret() {
        var existing = client.secrets().inNamespace(namespace()).withName(MeshRenderer.CONTROL_SECRET).get();
        if (existing != null) return existing;
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        var secret = new SecretBuilder().withNewMetadata().withName(MeshRenderer.CONTROL_SECRET).withNamespace(namespace())
                .withLabels(KubeLabels.common(mesh.scenarioName(), MeshRenderer.CONTROL_SECRET, KubeLabels.CONFIG)).endMetadata()
                .withType("Opaque").withData(Map.of(MeshRenderer.CONTROL_SECRET_KEY,
                        java.util.Base64.getEncoder().encodeToString(HexFormat.of().formatHex(raw).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))).build();
        return client.secrets().inNamespace(namespace()).resource(secret).create();
    }

    public MeshStatus status() {
        boolean ns = client.namespaces().withName(namespace()).get() != null;
        List<MeshStatus.Workload> workloads = new ArrayList<>();
        for (HasMetadata o : mesh.objects()) {
            if (!(o instanceof Deployment wanted)) continue;
            Deployment d = client.apps().deployments().inNamespace(namespace()).withName(wanted.getMetadata().getName()).get();
            int want = wanted.getSpec().getReplicas();
            int ready = d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
            workloads.add(new MeshStatus.Workload(wanted.getMetadata().getName(), want, ready));
        }
        int chaos = ns ? ChaosResources.list(client, namespace(), mesh.scenarioName(), Clock.systemUTC()).size() : 0;
        return new MeshStatus(namespace(), ns, workloads, chaos);
    }

    /**
     * Waits until every Deployment has its replicas ready; {@code progress} hears each change.
     *
     * @throws IllegalStateException after {@code timeout}, naming what is not ready
     */
    public MeshStatus awaitReady(Duration timeout, Consumer<MeshStatus> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            MeshStatus s = status();
            String now = s.readyCount() + "/" + s.workloads().size() + " " + s.notReady();
            if (!now.equals(last)) {
                progress.accept(s);
                last = now;
            }
            if (s.ready()) return s;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mesh in namespace " + namespace() + " was not ready after " + timeout.toSeconds() + " s: "
                        + s.readyCount() + " of " + s.workloads().size() + " deployments ready; not ready: " + String.join(", ", s.notReady())
                        + " (kubectl -n " + namespace() + " get pods; kubectl -n " + namespace() + " describe deployment NAME)");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Deletes the mesh: chaos resources first (faults stop before the pods go), then every rendered
     * object and the control Secret, then the Namespace, and waits until each is gone or the timeout.
     * Returns what was deleted.
     */
    public List<String> teardown(Duration timeout) throws InterruptedException {
        List<String> deleted = new ArrayList<>();
        if (client.namespaces().withName(namespace()).get() == null) return deleted;
        var chaos = new ChaosResources(client, namespace(), mesh.scenarioName(), s -> List.of(), Clock.systemUTC(), Duration.ZERO);
        for (var c : ChaosResources.list(client, namespace(), mesh.scenarioName(), Clock.systemUTC())) {
            chaos.delete(c);
            deleted.add(c.kind().kind() + "/" + c.name());
        }
        List<HasMetadata> objects = new ArrayList<>(mesh.objects());
        java.util.Collections.reverse(objects);
        List<HasMetadata> namespaced = objects.stream().filter(o -> !(o instanceof Namespace)).toList();
        for (HasMetadata o : namespaced) {
            if (client.resource(o).inNamespace(namespace()).get() != null) {
                client.resource(o).inNamespace(namespace()).withTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).delete();
                deleted.add(o.getKind() + "/" + o.getMetadata().getName());
            }
        }
        if (client.secrets().inNamespace(namespace()).withName(MeshRenderer.CONTROL_SECRET).get() != null) {
            client.secrets().inNamespace(namespace()).withName(MeshRenderer.CONTROL_SECRET).delete();
            deleted.add("Secret/" + MeshRenderer.CONTROL_SECRET);
        }
        client.namespaces().withName(namespace()).delete();
        deleted.add("Namespace/" + namespace());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (client.namespaces().withName(namespace()).get() != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("namespace " + namespace() + " is still terminating after " + timeout.toSeconds()
                        + " s (kubectl get namespace " + namespace() + " -o yaml shows what holds it)");
            }
            Thread.sleep(POLL.toMillis());
        }
        return deleted;
    }
}
