package dev.microsim.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.kubernetes.Scenarios;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ScenarioParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rendered object reads back with fabric8's model classes, with no field the model does not know. */
class RenderedObjectsTest {
    private static final KubernetesSerialization K8S = new KubernetesSerialization();

    @Test
    void everyRenderedDocumentParsesIntoItsTypedModelClassWithNoUnknownField(@TempDir Path tmp) throws Exception {
        for (String scenario : List.of("online-boutique.yaml", "sock-shop.yaml", "hotel-reservation.yaml", "minimal.yaml")) {
            Path out = tmp.resolve(scenario);
            ManifestWriter.write(new MeshRenderer(RenderOptions.defaults()).render(Scenarios.example(scenario)), out);
            int documents = 0;
            try (Stream<Path> files = Files.list(out)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    for (String doc : Files.readString(f).split("(?m)^---$")) {
                        if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) continue;
                        Object parsed = K8S.unmarshal(doc);
                        assertThat(parsed).as(f.getFileName() + ": a typed model class").isInstanceOf(HasMetadata.class)
                                .isNotInstanceOf(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
                        assertThat(unknownFields(parsed)).as(f.getFileName() + ": fields the model does not know").isEmpty();
                        documents++;
                    }
                }
            }
            assertThat(documents).as(scenario).isGreaterThan(8);
        }
    }

    @Test
    void deploymentsCarryTheScenariosReplicasResourcesProbesAndTheirServicesSelectThem() {
        Scenario s = Scenarios.example("online-boutique.yaml");
        RenderedMesh mesh = new MeshRenderer(RenderOptions.defaults()).render(s);
        for (var service : s.services().values()) {
            Deployment d = mesh.objects().stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals(service.name()))
                    .map(Deployment.class::cast).findFirst().orElseThrow();
            assertThat(d.getSpec().getReplicas()).isEqualTo(service.replicas());
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getName()).isEqualTo(service.name());
            assertThat(c.getArgs()).containsExactly("serve", "--scenario", "/etc/microsim/scenario.yaml", "--service", service.name());
            Quantity cpu = c.getResources().getLimits().get("cpu");
            assertThat(Quantity.getAmountInBytes(cpu).doubleValue()).isEqualTo(service.resources().cpu().cores());
            assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
            long memory = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValue();
            assertThat(memory).isEqualTo(service.resources().memory().bytes() + RenderOptions.DEFAULT_MEMORY_OVERHEAD.bytes());
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            var svc = mesh.objects().stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.Service && o.getMetadata().getName().equals(service.name()))
                    .map(io.fabric8.kubernetes.api.model.Service.class::cast).findFirst().orElseThrow();
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(svc.getSpec().getSelector());
            assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(svc.getSpec().getSelector());
        }
    }

    @Test
    void theScenarioConfigMapHoldsTheScenarioAsItRunsAndTheLoadJobWaitsToBeStarted() {
        Scenario s = Scenarios.example("online-boutique.yaml").withSeed(7);
        RenderedMesh mesh = new MeshRenderer(RenderOptions.defaults()).render(s);
        ConfigMap cm = mesh.objects().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals(MeshRenderer.SCENARIO_CONFIG_MAP)).findFirst().orElseThrow();
        Scenario back = new ScenarioParser(dev.microsim.faults.catalog.FaultCatalog.standard()).parse(cm.getData().get("scenario.yaml"), "cm").orThrow();
        assertThat(back).isEqualTo(s);
        Job job = mesh.objects().stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).startsWith("drive");
    }

    @Test
    void badOptionsAreAllReportedAtOnce() {
        assertThatThrownBy(() -> new RenderOptions(Optional.of("Bad_NS"), "", "Sometimes", "otel", java.net.URI.create("ftp://x"),
                RenderOptions.DEFAULT_MEMORY_OVERHEAD))
                .hasMessageContaining("namespace: \"Bad_NS\"").hasMessageContaining("image: expected")
                .hasMessageContaining("image pull policy: expected one of [Always, IfNotPresent, Never], got \"Sometimes\"")
                .hasMessageContaining("recorder: expected an OTLP/HTTP URL");
    }

    @Test
    void aDirectoryThatRenderDidNotWriteIsNotReplaced(@TempDir Path tmp) throws IOException {
        Path mine = tmp.resolve("precious");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        RenderedMesh mesh = new MeshRenderer(RenderOptions.defaults()).render(Scenarios.example("minimal.yaml"));
        assertThatThrownBy(() -> ManifestWriter.write(mesh, mine)).hasMessageContaining("not empty and not a directory `microsim render` wrote");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep me");
        Path out = tmp.resolve("out");
        ManifestWriter.write(mesh, out);
        ManifestWriter.write(mesh, out); // a re-render replaces its own output
        assertThat(out.resolve("00-namespace.yaml")).exists();
    }

    /** Paths of values that landed in a model object's additionalProperties (fields the model does not have). */
    static List<String> unknownFields(Object root) throws Exception {
        List<String> out = new ArrayList<>();
        walk(root, "$", out, new IdentityHashMap<>());
        return out;
    }

    private static void walk(Object o, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) walk(e, path + "[" + i++ + "]", out, seen);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) walk(e.getValue(), path + "." + e.getKey(), out, seen);
            return;
        }
        if (!(o instanceof KubernetesResource)) return;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) continue;
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) extra.keySet().forEach(k -> out.add(path + "." + k));
            } else {
                walk(v, path + "." + m.getName().substring(3), out, seen);
            }
        }
    }
}
