package dev.microsim.kubernetes.chaos;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The Chaos Mesh resources MicroSim creates (group chaos-mesh.org, version v1alpha1, namespaced). */
public enum ChaosKind {
    POD("PodChaos", "podchaos"),
    NETWORK("NetworkChaos", "networkchaos"),
    STRESS("StressChaos", "stresschaos"),
    HTTP("HTTPChaos", "httpchaos"),
    TIME("TimeChaos", "timechaos"),
    IO("IOChaos", "iochaos");

    public static final String GROUP = "chaos-mesh.org";
    public static final String VERSION = "v1alpha1";

    private final String kind;
    private final String plural;

    ChaosKind(String kind, String plural) {
        this.kind = kind;
        this.plural = plural;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public String apiVersion() {
        return GROUP + "/" + VERSION;
    }

    /** What fabric8 needs to reach a resource whose CRD it has no class for. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }
}
