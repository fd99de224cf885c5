package dev.microsim.kubernetes.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.kubernetes.MeshFixture;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chaos resources are deleted on every path: a restart delay, ramp steps, crash-loop cycles, an exception in the run. */
@EnableKubernetesMockClient(crud = true, https = false)
class ChaosRecoveryTest {
    static KubernetesClient client;

    @Test
    void aCrashWithARestartDelayLastsTheDelayNotTheWindow() {
        MeshFixture mesh = new MeshFixture(client, null);
        var scenario = MeshFixture.scenario("faults:\n  - {id: c, kind: crash, target: {service: mid, replicas: [0]}, at: 1s, duration: 10s, restartDelay: 2s}\n");
        try (FaultInjector faults = mesh.injector(scenario, 0, "unused-token-0123456789")) {
            mesh.advanceTo(faults, Duration.ofSeconds(1));
            GenericKubernetesResource r = mesh.chaos().get(0);
            assertThat(spec(r)).containsEntry("duration", "2s").containsEntry("action", "pod-failure")
                    .containsEntry("selector", Map.of("namespaces", List.of(MeshFixture.NS), "pods", Map.of(MeshFixture.NS, List.of("mid-5f2b-a"))));
            mesh.advanceTo(faults, Duration.ofMillis(2900));
            assertThat(mesh.chaos()).hasSize(1);
            mesh.advanceTo(faults, Duration.ofSeconds(3));
            assertThat(mesh.chaos()).as("deleted once the restart delay is over").isEmpty();
        }
    }

    @Test
    void aCrashLoopMakesOnePodFailurePerCycleAndLeavesNoneBehind() {
        MeshFixture mesh = new MeshFixture(client, null);
        var scenario = MeshFixture.scenario(
                "faults:\n  - {id: loop, kind: crash-loop, target: db, at: 1s, duration: 5s, restartDelay: 500ms, uptime: 1s}\n");
        int created = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        try (FaultInjector faults = mesh.injector(scenario, 0, "unused-token-0123456789")) {
            for (int ms = 1000; ms <= 6000; ms += 100) {
                mesh.advanceTo(faults, Duration.ofMillis(ms));
                for (GenericKubernetesResource r : mesh.chaos()) {
                    assertThat(spec(r)).containsEntry("duration", "1s"); // 500 ms rounded up to Chaos Mesh's whole seconds
                    if (names.add(r.getMetadata().getName())) created++;
                }
                assertThat(mesh.chaos()).hasSizeLessThanOrEqualTo(1);
            }
            assertThat(mesh.chaos()).isEmpty();
        }
        // down at 1.0, up 1.5-2.5, down 2.5, up 3.0-4.0, down 4.0, up 4.5-5.5, down 5.5: 4 cycles in 5 s
        assertThat(created).isEqualTo(4);
        assertThat(mesh.labels.get(mesh.labels.size() - 1).mechanism()).isEqualTo("chaos-mesh/PodChaos pod-failure, one per cycle");
    }

    @Test
    void aRampCreatesTheStrongerStepBeforeDeletingTheWeakerOne() {
        MeshFixture mesh = new MeshFixture(client, null);
        var scenario = MeshFixture.scenario("faults:\n  - {id: hog, kind: cpu-hog, target: db, at: 1s, duration: 10s, ramp: 3s, cores: 2}\n");
        try (FaultInjector faults = mesh.injector(scenario, 0, "unused-token-0123456789")) {
            List<Object> loads = new java.util.ArrayList<>();
            for (int s = 1; s <= 5; s++) {
                mesh.advanceTo(faults, Duration.ofSeconds(s));
                List<GenericKubernetesResource> now = mesh.chaos();
                assertThat(now).hasSize(1);
                @SuppressWarnings("unchecked")
                Map<String, Object> cpu = (Map<String, Object>) ((Map<String, Object>) spec(now.get(0)).get("stressors")).get("cpu");
                loads.add(cpu.get("workers") + "x" + cpu.get("load"));
                assertThat(spec(now.get(0))).containsEntry("duration", (11 - Math.min(s, 4)) + "s"); // what is left of the window at its step
            }
            // 0.5, 1, 1.5, 2 cores: 1 worker at 50 %, 1 at 100 %, 2 at 75 %, 2 at 100 %
            assertThat(loads).containsExactly("1x50", "1x100", "2x75", "2x100", "2x100");
        }
        assertThat(mesh.chaos()).isEmpty();
    }

    @Test
    void anExceptionInTheRunStillDeletesWhatWasCreated() {
        MeshFixture mesh = new MeshFixture(client, null);
        var scenario = MeshFixture.scenario("faults:\n  - {id: l, kind: latency, target: {service: db, caller: mid}, at: 1s, duration: 30s, delay: 80ms}\n"
                + "  - {id: p, kind: partition, target: front, at: 1s, duration: 30s}\n");
        assertThatThrownBy(() -> {
            try (FaultInjector faults = mesh.injector(scenario, 0, "unused-token-0123456789")) {
                mesh.advanceTo(faults, Duration.ofSeconds(2));
                assertThat(mesh.chaos()).hasSize(2);
                throw new IllegalStateException("the load generator died");
            }
        }).hasMessage("the load generator died");
        assertThat(mesh.chaos()).as("recovered by the injector's close()").isEmpty();
        assertThat(mesh.labels.stream().filter(l -> l.actualEnd().isPresent()).map(l -> l.id()).distinct()).containsExactlyInAnyOrder("l", "p");
    }

    @Test
    void aReplicaWithoutAServingPodFailsTheFaultLoudlyAndCreatesNothing() {
        MeshFixture mesh = new MeshFixture(client, null);
        var scenario = MeshFixture.scenario("faults:\n  - {id: c, kind: crash, target: {service: mid, replicas: [1]}, at: 1s, duration: 3s}\n");
        client.pods().inNamespace(MeshFixture.NS).withName("mid-5f2b-b").delete();
        FaultInjector faults = mesh.injector(scenario, 0, "unused-token-0123456789");
        assertThatThrownBy(() -> mesh.advanceTo(faults, Duration.ofSeconds(1)))
                .hasMessageContaining("fault \"c\"").hasMessageContaining("replica 1 of \"mid\" has no serving pod (1 serving: [mid-5f2b-a])");
        assertThat(mesh.chaos()).isEmpty();
        faults.recoverForShutdown();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }
}
