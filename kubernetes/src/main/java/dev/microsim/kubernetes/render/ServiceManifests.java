package dev.microsim.kubernetes.render;

import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated service: a Deployment of the {@code microsim} image in single-service mode
 * ({@code microsim serve}) and a ClusterIP Service that callers and the load reach by name.
 * Requests equal limits (Guaranteed QoS): the scenario's CPU is the pod's CPU, enforced by the
 * kernel; memory is the scenario's budget plus the JVM's overhead.
 */
final class ServiceManifests {
    static final String IO_DIR = "/var/lib/microsim/io";
    private final RenderOptions options;

    ServiceManifests(RenderOptions options) {
        this.options = options;
    }

    List<HasMetadata> objects(Scenario scenario, Service service, String ns, String scenarioSha) {
        return List.of(deployment(scenario, service, ns, scenarioSha), service(scenario, service, ns));
    }

    private Map<String, String> labels(Scenario scenario, Service service) {
        Map<String, String> labels = new LinkedHashMap<>(KubeLabels.common(scenario.name(), service.name(), KubeLabels.SIMULATED_SERVICE));
        labels.putAll(KubeLabels.service(scenario.name(), service.name()));
        return labels;
    }

    private Deployment deployment(Scenario scenario, Service service, String ns, String scenarioSha) {
        Map<String, String> labels = labels(scenario, service);
        return new DeploymentBuilder()
                .withNewMetadata().withName(service.name()).withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withReplicas(service.replicas())
                    .withNewSelector().withMatchLabels(KubeLabels.service(scenario.name(), service.name())).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).withAnnotations(Map.of(MeshRenderer.SCENARIO_SHA, scenarioSha)).endMetadata()
                        .withNewSpec()
                            // The pods call no Kubernetes API: no token in them.
                            .withAutomountServiceAccountToken(false)
                            .withTerminationGracePeriodSeconds(30L)
                            .withContainers(container(service))
                            .addNewVolume().withName("scenario").withNewConfigMap().withName(MeshRenderer.SCENARIO_CONFIG_MAP).endConfigMap().endVolume()
                            .addNewVolume().withName("io").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private Container container(Service service) {
        long memory = service.resources().memory().bytes() + options.memoryOverhead().bytes();
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", new Quantity(service.resources().cpu().millicores() + "m"));
        resources.put("memory", new Quantity(mebibytes(memory)));
        return new ContainerBuilder()
                .withName(service.name())
                .withImage(options.image())
                .withImagePullPolicy(options.imagePullPolicy())
                .withArgs("serve", "--scenario", MeshRenderer.SCENARIO_DIR + "/" + MeshRenderer.SCENARIO_KEY, "--service", service.name())
                .addNewPort().withName(Ports.HTTP_NAME).withContainerPort(Ports.HTTP).withProtocol("TCP").endPort()
                .addNewPort().withName(Ports.CONTROL_NAME).withContainerPort(Ports.CONTROL).withProtocol("TCP").endPort()
                .withEnv(env(service))
                .withResources(new ResourceRequirementsBuilder().withRequests(resources).withLimits(resources).build())
                .withStartupProbe(probe("/q/health/started", 1, 60))
                .withReadinessProbe(probe("/q/health/ready", 2, 3))
                .withLivenessProbe(probe("/q/health/live", 10, 3))
                .addNewVolumeMount().withName("scenario").withMountPath(MeshRenderer.SCENARIO_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("io").withMountPath(IO_DIR).endVolumeMount()
                .withNewSecurityContext().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false).endSecurityContext()
                .build();
    }

    /** Whole MiB, rounded up: what a person would write. */
    static String mebibytes(long bytes) {
        return ((bytes + (1 << 20) - 1) >> 20) + "Mi";
    }

    static List<EnvVar> env(Service service) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("MICROSIM_SERVICE").withValue(service.name()).build());
        env.add(field("POD_NAME", "metadata.name"));
        env.add(field("POD_NAMESPACE", "metadata.namespace"));
        env.add(field("POD_IP", "status.podIP"));
        env.add(new EnvVarBuilder().withName("MICROSIM_CONTROL_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                .withName(MeshRenderer.CONTROL_SECRET).withKey(MeshRenderer.CONTROL_SECRET_KEY).endSecretKeyRef().endValueFrom().build());
        env.addAll(CollectorManifests.otelEnv(service.name()));
        return env;
    }

    static EnvVar field(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path).endFieldRef().endValueFrom().build();
    }

    private static Probe probe(String path, int period, int failures) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(Ports.CONTROL_NAME)).endHttpGet()
                .withPeriodSeconds(period).withFailureThreshold(failures).withTimeoutSeconds(1).build();
    }

    private io.fabric8.kubernetes.api.model.Service service(Scenario scenario, Service service, String ns) {
        return new ServiceBuilder()
                .withNewMetadata().withName(service.name()).withNamespace(ns).withLabels(labels(scenario, service)).endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(KubeLabels.service(scenario.name(), service.name()))
                    .addNewPort().withName(Ports.HTTP_NAME).withPort(Ports.HTTP).withTargetPort(new IntOrString(Ports.HTTP_NAME)).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }
}
