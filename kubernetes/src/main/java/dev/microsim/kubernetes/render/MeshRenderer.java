package dev.microsim.kubernetes.render;

import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ScenarioWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario as Kubernetes objects: the Namespace; the injector's ServiceAccount, Role and
 * RoleBinding; the scenario as a ConfigMap; the OpenTelemetry Collector; per simulated service a
 * Deployment and a Service; the load as a (suspended) Job. Deterministic: the same scenario and
 * options give the same objects, so the output can be kept in git and diffed.
 */
public final class MeshRenderer {
    public static final String SCENARIO_CONFIG_MAP = "microsim-scenario";
    public static final String SCENARIO_KEY = "scenario.yaml";
    public static final String SCENARIO_DIR = "/etc/microsim";
    public static final String CONTROL_SECRET = "microsim-control";
    /** The load Job (suspended as rendered; `run --mode kubernetes` resumes it). */
    public static final String LOAD_JOB = LoadJobManifest.NAME;
    public static final String CONTROL_SECRET_KEY = "token";
    public static final String INJECTOR = "microsim-injector";
    /** Annotation on pod templates: a changed scenario rolls the pods. */
    public static final String SCENARIO_SHA = "microsim.dev/scenario-sha256";

    private final RenderOptions options;

    public MeshRenderer(RenderOptions options) {
        this.options = options;
    }

    public RenderedMesh render(Scenario scenario) {
        String ns = options.namespaceFor(scenario.name());
        String yaml = ScenarioWriter.write(scenario);
        String sha = KubeNames.sha256(yaml);
        List<ManifestFile> files = new ArrayList<>();
        files.add(new ManifestFile("00-namespace.yaml", List.of(namespace(scenario, ns))));
        files.add(new ManifestFile("10-injector-rbac.yaml", injectorRbac(scenario, ns)));
        files.add(new ManifestFile("20-scenario.yaml", List.of(scenarioConfigMap(scenario, ns, yaml))));
        files.add(new ManifestFile("30-otel-collector.yaml", new CollectorManifests(options).objects(scenario, ns)));
        ServiceManifests services = new ServiceManifests(options);
        for (var service : scenario.services().values()) {
            files.add(new ManifestFile("40-service-" + service.name() + ".yaml", services.objects(scenario, service, ns, sha)));
        }
        files.add(new ManifestFile("90-load.yaml", List.of(new LoadJobManifest(options).job(scenario, ns, sha))));
        return new RenderedMesh(scenario.name(), ns, files);
    }

    static io.fabric8.kubernetes.api.model.ObjectMeta meta(Scenario scenario, String ns, String name, String component) {
        return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ns)
                .withLabels(KubeLabels.common(scenario.name(), name, component)).build();
    }

    private Namespace namespace(Scenario scenario, String ns) {
        return new NamespaceBuilder().withNewMetadata().withName(ns)
                .withLabels(KubeLabels.common(scenario.name(), ns, KubeLabels.CONFIG)).endMetadata().build();
    }

    private List<HasMetadata> injectorRbac(Scenario scenario, String ns) {
        ServiceAccount account = new ServiceAccountBuilder().withMetadata(meta(scenario, ns, INJECTOR, KubeLabels.INJECTOR)).build();
        Role role = new RoleBuilder(StaticManifests.injectorRole()).withMetadata(meta(scenario, ns, INJECTOR, KubeLabels.INJECTOR)).build();
        RoleBinding binding = new RoleBindingBuilder().withMetadata(meta(scenario, ns, INJECTOR, KubeLabels.INJECTOR))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", INJECTOR)
                .addNewSubject().withKind("ServiceAccount").withName(INJECTOR).withNamespace(ns).endSubject()
                .build();
        return List.of(account, role, binding);
    }

    private ConfigMap scenarioConfigMap(Scenario scenario, String ns, String yaml) {
        return new ConfigMapBuilder().withMetadata(meta(scenario, ns, SCENARIO_CONFIG_MAP, KubeLabels.CONFIG))
                .withData(Map.of(SCENARIO_KEY, yaml)).build();
    }
}
