package dev.microsim.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.kubernetes.Scenarios;
import dev.microsim.kubernetes.chaos.ChaosKind;
import dev.microsim.kubernetes.render.MeshRenderer;
import dev.microsim.kubernetes.render.RenderOptions;
import dev.microsim.kubernetes.render.RenderedMesh;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy / status / wait / teardown of Online Boutique through fabric8, against the mock server in CRUD mode. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubeMeshTest {
    KubernetesClient client;

    RenderedMesh mesh() {
        return new MeshRenderer(RenderOptions.defaults()).render(Scenarios.example("online-boutique.yaml"));
    }

    /** Every object in the mesh's namespace, as "Kind/name", plus the Namespace itself. */
    TreeSet<String> inCluster(String ns) {
        TreeSet<String> out = new TreeSet<>();
        if (client.namespaces().withName(ns).get() != null) out.add("Namespace/" + ns);
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
        all.addAll(client.services().inNamespace(ns).list().getItems());
        all.addAll(client.configMaps().inNamespace(ns).list().getItems());
        all.addAll(client.secrets().inNamespace(ns).list().getItems());
        all.addAll(client.serviceAccounts().inNamespace(ns).list().getItems());
        all.addAll(client.rbac().roles().inNamespace(ns).list().getItems());
        all.addAll(client.rbac().roleBindings().inNamespace(ns).list().getItems());
        all.addAll(client.batch().v1().jobs().inNamespace(ns).list().getItems());
        all.addAll(client.pods().inNamespace(ns).list().getItems());
        for (ChaosKind k : ChaosKind.values()) all.addAll(client.genericKubernetesResources(k.context()).inNamespace(ns).list().getItems());
        all.forEach(o -> out.add(o.getKind() + "/" + o.getMetadata().getName()));
        return out;
    }

    @Test
    void deployCreatesExactlyTheRenderedObjectsAndTheControlSecret() {
        RenderedMesh mesh = mesh();
        new KubeMesh(client, mesh).deploy();
        TreeSet<String> expected = new TreeSet<>();
        mesh.objects().forEach(o -> expected.add(o.getKind() + "/" + o.getMetadata().getName()));
        expected.add("Secret/" + MeshRenderer.CONTROL_SECRET);
        assertThat(inCluster(mesh.namespace())).isEqualTo(expected);
        String token = new String(java.util.Base64.getDecoder().decode(
                client.secrets().inNamespace(mesh.namespace()).withName(MeshRenderer.CONTROL_SECRET).get().getData().get("token")));
        assertThat(token).matches("[0-9a-f]{48}");
        // deploying again updates in place and keeps the token the pods have read
        new KubeMesh(client, mesh).deploy();
        assertThat(inCluster(mesh.namespace())).isEqualTo(expected);
        assertThat(client.secrets().inNamespace(mesh.namespace()).withName(MeshRenderer.CONTROL_SECRET).get().getData().get("token"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(token.getBytes()));
    }

    @Test
    void waitingForReadinessReportsProgressAndEndsWhenEveryDeploymentIsReady() throws Exception {
        RenderedMesh mesh = mesh();
        KubeMesh kube = new KubeMesh(client, mesh);
        kube.deploy();
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread controller = new Thread(() -> {
            // A stand-in for the Deployment controller: it readies one Deployment at a time and waits (bounded) until
            // the wait has reported that step, so the test does not depend on how fast a loaded machine polls.
            int ready = 0;
            if (!awaitReported(progress, "0/12")) return;
            for (Deployment d : client.apps().deployments().inNamespace(mesh.namespace()).list().getItems()) {
                d.setStatus(new DeploymentStatusBuilder().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas()).build());
                client.apps().deployments().inNamespace(mesh.namespace()).resource(d).updateStatus();
                if (!awaitReported(progress, ++ready + "/12")) return;
            }
        });
        controller.start();
        MeshStatus s = kube.awaitReady(Duration.ofSeconds(60), st -> progress.add(st.readyCount() + "/" + st.workloads().size()));
        controller.join();
        assertThat(s.ready()).isTrue();
        assertThat(s.workloads()).hasSize(12); // 11 services + the collector
        assertThat(progress).as("every change reported, in order")
                .containsExactly("0/12", "1/12", "2/12", "3/12", "4/12", "5/12", "6/12", "7/12", "8/12", "9/12", "10/12", "11/12", "12/12");
    }

    /** Waits (at most 20 s) until the progress list holds {@code step}; false if interrupted. */
    private static boolean awaitReported(List<String> progress, String step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!progress.contains(step) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Test
    void aMeshThatDoesNotBecomeReadyTimesOutNamingWhatIsNotReady() {
        RenderedMesh mesh = mesh();
        KubeMesh kube = new KubeMesh(client, mesh);
        kube.deploy();
        Deployment ad = client.apps().deployments().inNamespace(mesh.namespace()).withName("ad").get();
        ad.setStatus(new DeploymentStatusBuilder().withReadyReplicas(1).build());
        client.apps().deployments().inNamespace(mesh.namespace()).resource(ad).updateStatus();
        assertThatThrownBy(() -> kube.awaitReady(Duration.ofMillis(600), s -> {}))
                .hasMessageContaining("was not ready after 0 s: 1 of 12 deployments ready")
                .hasMessageContaining("frontend 0/2").hasMessageContaining("otel-collector 0/1").hasMessageNotContaining("ad 1/1");
    }

    @Test
    void teardownLeavesNothingBehindChaosResourcesIncluded() throws Exception {
        RenderedMesh mesh = mesh();
        KubeMesh kube = new KubeMesh(client, mesh);
        kube.deploy();
        // a fault a dead run left applied
        client.genericKubernetesResources(ChaosKind.NETWORK.context()).inNamespace(mesh.namespace()).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("chaos-mesh.org/v1alpha1").withKind("NetworkChaos").withNewMetadata().withName("microsim-f1-1")
                .withLabels(Map.of("app.kubernetes.io/managed-by", "microsim", "microsim.dev/scenario", "online-boutique")).endMetadata().build()).create();
        assertThat(kube.status().chaosResources()).isEqualTo(1);
        List<String> deleted = kube.teardown(Duration.ofSeconds(30));
        assertThat(deleted).first().isEqualTo("NetworkChaos/microsim-f1-1");
        assertThat(deleted).last().isEqualTo("Namespace/" + mesh.namespace());
        assertThat(inCluster(mesh.namespace())).isEmpty();
        assertThat(kube.status().namespaceExists()).isFalse();
        assertThat(kube.teardown(Duration.ofSeconds(5))).as("a second teardown has nothing to do").isEmpty();
    }
}
