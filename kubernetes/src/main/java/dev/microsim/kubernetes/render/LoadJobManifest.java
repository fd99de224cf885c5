package dev.microsim.kubernetes.render;

import dev.microsim.model.scenario.Scenario;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenario's load as a Job: the same Gatling plan as local mode ({@code microsim drive}),
 * aimed at the services' cluster names. It is rendered suspended, so that applying the manifests
 * does not start load before the mesh is ready; {@code microsim run --mode kubernetes} (or
 * {@code kubectl patch job microsim-load -p '{"spec":{"suspend":false}}'}) starts it. It never
 * retries (a retry would run the load twice) and is stopped at the scenario's end plus a margin.
 */
final class LoadJobManifest {
    static final String NAME = "microsim-load";
    private final RenderOptions options;

    LoadJobManifest(RenderOptions options) {
        this.options = options;
    }

    Job job(Scenario scenario, String ns, String scenarioSha) {
        Map<String, Quantity> resources = Ordered.map("cpu", new Quantity("1"), "memory", new Quantity("1Gi"));
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        env.add(ServiceManifests.field("POD_NAME", "metadata.name"));
        env.add(ServiceManifests.field("POD_NAMESPACE", "metadata.namespace"));
        env.addAll(CollectorManifests.otelEnv(NAME));
        return new JobBuilder().withMetadata(MeshRenderer.meta(scenario, ns, NAME, KubeLabels.LOAD))
                .withNewSpec()
                    .withSuspend(true)
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(scenario.duration().toSeconds() + 300)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(KubeLabels.common(scenario.name(), NAME, KubeLabels.LOAD))
                            .withAnnotations(Ordered.map(MeshRenderer.SCENARIO_SHA, scenarioSha)).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .addNewContainer()
                                .withName("load")
                                .withImage(options.image())
                                .withImagePullPolicy(options.imagePullPolicy())
                                .withArgs("drive", "--scenario", MeshRenderer.SCENARIO_DIR + "/" + MeshRenderer.SCENARIO_KEY, "--namespace", ns)
                                .withEnv(env)
                                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                                .addNewVolumeMount().withName("scenario").withMountPath(MeshRenderer.SCENARIO_DIR).withReadOnly(true).endVolumeMount()
                                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false).endSecurityContext()
                            .endContainer()
                            .addNewVolume().withName("scenario").withNewConfigMap().withName(MeshRenderer.SCENARIO_CONFIG_MAP).endConfigMap().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }
}
