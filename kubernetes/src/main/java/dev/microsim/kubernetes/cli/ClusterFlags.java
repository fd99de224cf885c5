package dev.microsim.kubernetes.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

/** Which cluster: the kubeconfig's current context (or in-cluster config), or {@code --context}. */
public final class ClusterFlags {
    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context to use (default: the current one, or the in-cluster service account)")
    String context;

    public KubernetesClient client() {
        Config config = context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
