package dev.microsim.kubernetes.render;

import dev.microsim.model.scenario.Scenario;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry Collector between the pods and the recorder: its configuration (static, from
 * manifests/otel-collector/config.yaml), a one-replica Deployment and the Service the pods export to.
 */
final class CollectorManifests {
    static final String NAME = "otel-collector";
    static final String CONFIG = "otel-collector-config";
    private final RenderOptions options;

    CollectorManifests(RenderOptions options) {
        this.options = options;
    }

    /** The OTLP settings every MicroSim container gets: export to the collector, named after its service. */
    static List<EnvVar> otelEnv(String serviceName) {
        return List.of(
                new EnvVarBuilder().withName("OTEL_EXPORTER_OTLP_ENDPOINT").withValue("http://" + NAME + ":" + Ports.OTLP_HTTP).build(),
                new EnvVarBuilder().withName("OTEL_EXPORTER_OTLP_PROTOCOL").withValue("http/protobuf").build(),
                new EnvVarBuilder().withName("OTEL_SERVICE_NAME").withValue(serviceName).build(),
                new EnvVarBuilder().withName("OTEL_RESOURCE_ATTRIBUTES")
                        .withValue("service.instance.id=$(POD_NAME),k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE)").build());
    }

    List<HasMetadata> objects(Scenario scenario, String ns) {
        Map<String, String> selector = Ordered.map(KubeLabels.NAME, NAME, KubeLabels.SCENARIO, KubeNames.label(scenario.name()));
        var config = new ConfigMapBuilder().withMetadata(MeshRenderer.meta(scenario, ns, CONFIG, KubeLabels.COLLECTOR))
                .withData(Ordered.map("config.yaml", StaticManifests.text(StaticManifests.COLLECTOR_CONFIG))).build();
        Map<String, Quantity> resources = Ordered.map("cpu", new Quantity("500m"), "memory", new Quantity("512Mi"));
        var deployment = new DeploymentBuilder().withMetadata(MeshRenderer.meta(scenario, ns, NAME, KubeLabels.COLLECTOR))
                .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(KubeLabels.common(scenario.name(), NAME, KubeLabels.COLLECTOR)).endMetadata()
                        .withNewSpec()
                            .withAutomountServiceAccountToken(false)
                            .addNewContainer()
                                .withName(NAME)
                                .withImage(options.collectorImage())
                                .withArgs("--config=/conf/config.yaml")
                                .addNewEnv().withName("MICROSIM_RECORDER_ENDPOINT").withValue(options.recorder().toString()).endEnv()
                                .addNewPort().withName("otlp-grpc").withContainerPort(Ports.OTLP_GRPC).withProtocol("TCP").endPort()
                                .addNewPort().withName("otlp-http").withContainerPort(Ports.OTLP_HTTP).withProtocol("TCP").endPort()
                                .addNewPort().withName("health").withContainerPort(Ports.COLLECTOR_HEALTH).withProtocol("TCP").endPort()
                                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                                .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString("health")).endHttpGet()
                                    .withPeriodSeconds(2).endReadinessProbe()
                                .withNewLivenessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString("health")).endHttpGet()
                                    .withPeriodSeconds(10).endLivenessProbe()
                                .addNewVolumeMount().withName("config").withMountPath("/conf").withReadOnly(true).endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("config").withNewConfigMap().withName(CONFIG).endConfigMap().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
        // The template's labels must carry the selector's: the common labels include name and scenario.
        var service = new ServiceBuilder().withMetadata(MeshRenderer.meta(scenario, ns, NAME, KubeLabels.COLLECTOR))
                .withNewSpec().withType("ClusterIP").withSelector(selector)
                    .addNewPort().withName("otlp-grpc").withPort(Ports.OTLP_GRPC).withTargetPort(new IntOrString("otlp-grpc")).withProtocol("TCP").endPort()
                    .addNewPort().withName("otlp-http").withPort(Ports.OTLP_HTTP).withTargetPort(new IntOrString("otlp-http")).withProtocol("TCP").endPort()
                .endSpec().build();
        return List.of(config, deployment, service);
    }
}
