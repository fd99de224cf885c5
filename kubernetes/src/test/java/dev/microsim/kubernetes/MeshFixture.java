package dev.microsim.kubernetes;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.kubernetes.chaos.ChaosKind;
import dev.microsim.kubernetes.chaos.ChaosMeshMechanism;
import dev.microsim.kubernetes.chaos.ChaosResources;
import dev.microsim.kubernetes.control.KubernetesPodDirectory;
import dev.microsim.kubernetes.control.PodControlMesh;
import dev.microsim.kubernetes.control.PodDirectory;
import dev.microsim.kubernetes.render.KubeLabels;
import dev.microsim.model.scenario.Scenario;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A three-service mesh (front -> mid (2 replicas) -> db) as pods in the fabric8 mock server, and
 * the Kubernetes fault path wired as a run wires it: the scheduler, Chaos Mesh where it applies,
 * the pods' control endpoints (at {@code controlUrl}) elsewhere.
 */
public final class MeshFixture {
    public static final String NS = "microsim-k8s-test";
    public static final String SCENARIO_HEAD = """
            version: 1
            name: k8s-test
            duration: 60s
            services:
              front:
                endpoints:
                  GET /items:
                    steps: [{compute: 1ms}, {call: {to: mid GET /items, timeout: 800ms}}]
              mid:
                replicas: 2
                endpoints:
                  GET /items:
                    steps: [{compute: 1ms}, {call: {to: db GET /query, timeout: 300ms}}]
              db:
                endpoints:
                  GET /query:
                    steps: [{io: 4ms}]
            """;

    public final KubernetesClient client;
    public final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    public final Instant start = clock.instant();
    public final List<LabelRecord> labels = new CopyOnWriteArrayList<>();

    public MeshFixture(KubernetesClient client, String controlUrl) {
        this.client = client;
        // Idempotent, so that one mock server can serve a whole test class.
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .createOr(existing -> existing.update());
        pod("front", "front-7d9c-a", controlUrl);
        pod("mid", "mid-5f2b-b", controlUrl);
        pod("mid", "mid-5f2b-a", controlUrl);
        pod("db", "db-66c1-a", controlUrl);
    }

    /** A serving pod of {@code service}; its control endpoint is {@code controlUrl} (host:port). */
    void pod(String service, String name, String controlUrl) {
        java.net.URI u = java.net.URI.create(controlUrl == null ? "http://127.0.0.1:9" : controlUrl);
        var pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of(KubeLabels.SCENARIO, "k8s-test", KubeLabels.SERVICE, service)).endMetadata()
                .withNewSpec().addNewContainer().withName(service).withImage("microsim").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(u.getHost()).endStatus().build();
        client.pods().inNamespace(NS).resource(pod).createOr(existing -> existing.update());
    }

    public static Scenario scenario(String faults) {
        return Scenarios.parse(SCENARIO_HEAD + faults);
    }

    /** Pods with their control endpoint at the given port (tests run the endpoint on 127.0.0.1). */
    public PodDirectory directory(int controlPort) {
        PodDirectory inCluster = new KubernetesPodDirectory(client, NS, "k8s-test");
        if (controlPort <= 0) return inCluster;
        return service -> inCluster.pods(service).stream()
                .map(p -> new dev.microsim.kubernetes.control.PodRef(p.name(), java.net.URI.create("http://127.0.0.1:" + controlPort))).toList();
    }

    public FaultInjector injector(Scenario scenario, int controlPort, String token) {
        PodDirectory pods = directory(controlPort);
        PodControlMesh mesh = new PodControlMesh(scenario, pods, () -> token, clock);
        ChaosResources chaos = new ChaosResources(client, NS, scenario.name(), pods, clock, Duration.ZERO);
        ChaosMeshMechanism mechanism = new ChaosMeshMechanism(chaos, FaultMechanism.IN_PROCESS, clock);
        return new FaultInjector(scenario, mesh, mechanism, FaultCatalog.standard(), start, null, labels::add);
    }

    public List<GenericKubernetesResource> chaos() {
        List<GenericKubernetesResource> all = new ArrayList<>();
        for (ChaosKind k : ChaosKind.values()) all.addAll(client.genericKubernetesResources(k.context()).inNamespace(NS).list().getItems());
        return all;
    }

    public Instant at(Duration d) {
        return start.plus(d);
    }

    public Instant advanceTo(FaultInjector faults, Duration d) {
        Instant t = start.plus(d);
        clock.advance(Duration.between(clock.instant(), t));
        faults.advance(t);
        return t;
    }
}
