package dev.microsim.kubernetes.control;

import dev.microsim.kubernetes.render.KubeLabels;
import dev.microsim.kubernetes.render.Ports;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.Comparator;
import java.util.List;

/** The pods of a rendered mesh, from the API server: running pods with an IP, by name. */
public final class KubernetesPodDirectory implements PodDirectory {
    private final KubernetesClient client;
    private final String namespace;
    private final String scenarioName;

    public KubernetesPodDirectory(KubernetesClient client, String namespace, String scenarioName) {
        this.client = client;
        this.namespace = namespace;
        this.scenarioName = scenarioName;
    }

    @Override
    public List<PodRef> pods(String service) {
        return client.pods().inNamespace(namespace).withLabels(KubeLabels.service(scenarioName, service)).list().getItems().stream()
                .filter(KubernetesPodDirectory::serving)
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> new PodRef(p.getMetadata().getName(), URI.create("http://" + hostOf(p.getStatus().getPodIP()) + ":" + Ports.CONTROL)))
                .toList();
    }

    /** Running, not being deleted, with an address. */
    static boolean serving(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                && p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isBlank();
    }

    private static String hostOf(String ip) {
        return ip.contains(":") ? "[" + ip + "]" : ip;
    }
}
