package dev.microsim.kubernetes.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.kubernetes.MeshFixture;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fault kind Chaos Mesh expresses becomes its resource in the mesh's namespace at {@code at},
 * with the selector of its target (and a NetworkChaos target for edges), the fault's window as its
 * duration, and its parameters; at the window's end it is deleted. Driven by the real scheduler
 * against the fabric8 mock server (CRUD mode).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ChaosFaultsTest {
    static KubernetesClient client;

    static final Map<String, Object> DB = selector("db");
    static final Map<String, Object> MID = selector("mid");

    static Map<String, Object> selector(String service) {
        return Map.of("namespaces", List.of(MeshFixture.NS), "labelSelectors", Map.of("microsim.dev/scenario", "k8s-test", "microsim.dev/service", service));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("latency on the edge mid -> db", "kind: latency, target: {service: db, caller: mid}, delay: 50ms",
                        "NetworkChaos", "chaos-mesh/NetworkChaos delay",
                        Map.of("action", "delay", "direction", "to", "selector", MID, "target", Map.of("mode", "all", "selector", DB),
                                "delay", Map.of("latency", "50ms", "jitter", "0s", "correlation", "0"))),
                Arguments.of("uniform latency on an edge: netem's latency +- jitter",
                        "kind: latency, target: {service: db, caller: mid}, delay: {uniform: {min: 20ms, max: 60ms}}",
                        "NetworkChaos", "chaos-mesh/NetworkChaos delay", Map.of("delay", Map.of("latency", "40ms", "jitter", "20ms", "correlation", "0"))),
                Arguments.of("latency in a service", "kind: latency, target: db, delay: 60ms", "HTTPChaos", "chaos-mesh/HTTPChaos delay",
                        Map.of("target", "Request", "port", 8080, "delay", "60ms", "selector", DB)),
                Arguments.of("latency on one endpoint", "kind: latency, target: {service: db, endpoint: GET /query}, delay: 60ms",
                        "HTTPChaos", "chaos-mesh/HTTPChaos delay", Map.of("method", "GET", "path", "/query", "delay", "60ms")),
                Arguments.of("http-error", "kind: http-error, target: db, status: 503", "HTTPChaos", "chaos-mesh/HTTPChaos replace code 503",
                        Map.of("target", "Response", "replace", Map.of("code", 503), "selector", DB)),
                Arguments.of("unreachable", "kind: unreachable, target: db", "HTTPChaos", "chaos-mesh/HTTPChaos abort",
                        Map.of("target", "Request", "abort", true)),
                Arguments.of("packet-loss (drop) on an edge, 30 %", "kind: packet-loss, target: {service: db, caller: mid, share: 0.3}, mode: drop",
                        "NetworkChaos", "chaos-mesh/NetworkChaos loss",
                        Map.of("action", "loss", "selector", MID, "loss", Map.of("loss", "30", "correlation", "0"))),
                Arguments.of("partition of an edge", "kind: partition, target: {service: db, caller: mid}", "NetworkChaos", "chaos-mesh/NetworkChaos partition",
                        Map.of("action", "partition", "direction", "both", "selector", DB, "target", Map.of("mode", "all", "selector", MID))),
                Arguments.of("partition around a service", "kind: partition, target: db", "NetworkChaos", "chaos-mesh/NetworkChaos partition",
                        Map.of("target", Map.of("mode", "all", "selector", Map.of("namespaces", List.of(MeshFixture.NS),
                                "labelSelectors", Map.of("microsim.dev/scenario", "k8s-test", "app.kubernetes.io/component", "simulated-service"),
                                "expressionSelectors", List.of(Map.of("key", "microsim.dev/service", "operator", "NotIn", "values", List.of("db"))))))),
                Arguments.of("bandwidth", "kind: bandwidth, target: db, rate: 16KiB/s", "NetworkChaos", "chaos-mesh/NetworkChaos bandwidth",
                        Map.of("action", "bandwidth", "direction", "to", "bandwidth", Map.of("rate", "131072bps", "limit", 1048576, "buffer", 1600))),
                Arguments.of("cpu-hog on replica 1 of mid", "kind: cpu-hog, target: {service: mid, replicas: [1]}, cores: 1.5", "StressChaos",
                        "chaos-mesh/StressChaos cpu",
                        Map.of("selector", Map.of("namespaces", List.of(MeshFixture.NS), "pods", Map.of(MeshFixture.NS, List.of("mid-5f2b-b"))),
                                "containerNames", List.of("mid"), "stressors", Map.of("cpu", Map.of("workers", 2, "load", 75)))),
                Arguments.of("memory-pressure", "kind: memory-pressure, target: db, size: 32Mi", "StressChaos", "chaos-mesh/StressChaos memory",
                        Map.of("stressors", Map.of("memory", Map.of("workers", 1, "size", "32MiB")))),
                Arguments.of("clock-skew", "kind: clock-skew, target: db, offset: -90s", "TimeChaos", "chaos-mesh/TimeChaos time offset",
                        Map.of("timeOffset", "-90s", "clockIds", List.of("CLOCK_REALTIME"), "containerNames", List.of("db"), "selector", DB)),
                Arguments.of("slow-disk: (factor - 1) x the mean io step per I/O", "kind: slow-disk, target: db, factor: 5", "IOChaos",
                        "chaos-mesh/IOChaos latency",
                        Map.of("action", "latency", "volumePath", "/var/lib/microsim/io", "delay", "16ms", "percent", 100)),
                Arguments.of("crash", "kind: crash, target: db", "PodChaos", "chaos-mesh/PodChaos pod-failure",
                        Map.of("action", "pod-failure", "selector", DB)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void theFaultBecomesItsChaosResourceForItsWindowAndIsDeletedAtItsEnd(String what, String fault, String kind, String mechanism,
                                                                          Map<String, Object> expected) {
        MeshFixture mesh = new MeshFixture(client, null);
        var scenario = MeshFixture.scenario("faults:\n  - {id: f1, at: 1s, duration: 10s, " + fault + "}\n");
        try (FaultInjector faults = mesh.injector(scenario, 0, "unused-token-0123456789")) {
            mesh.advanceTo(faults, Duration.ofMillis(999));
            assertThat(mesh.chaos()).isEmpty();
            mesh.advanceTo(faults, Duration.ofSeconds(1));
            List<GenericKubernetesResource> made = mesh.chaos();
            assertThat(made).hasSize(1);
            GenericKubernetesResource r = made.get(0);
            assertThat(r.getKind()).isEqualTo(kind);
            assertThat(r.getApiVersion()).isEqualTo("chaos-mesh.org/v1alpha1");
            assertThat(r.getMetadata().getLabels()).containsEntry("microsim.dev/fault", "f1").containsEntry("app.kubernetes.io/managed-by", "microsim");
            assertThat(r.getMetadata().getAnnotations()).containsEntry("microsim.dev/fault-id", "f1");
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
            assertThat(spec).containsEntry("mode", "all").containsEntry("duration", "10s").containsAllEntriesOf(expected);
            if (!expected.containsKey("selector") && !kind.equals("StressChaos")) assertThat(spec).containsKey("selector");
            mesh.advanceTo(faults, Duration.ofSeconds(11));
            assertThat(mesh.chaos()).as("deleted at the window's end").isEmpty();
        }
        LabelRecord label = mesh.labels.get(mesh.labels.size() - 1);
        assertThat(label.mechanism()).isEqualTo(mechanism);
        assertThat(label.actualStart()).contains(mesh.at(Duration.ofSeconds(1)));
        assertThat(label.actualEnd()).contains(mesh.at(Duration.ofSeconds(11)));
    }
}
