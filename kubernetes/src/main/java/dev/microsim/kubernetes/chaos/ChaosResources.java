package dev.microsim.kubernetes.chaos;

import dev.microsim.kubernetes.control.PodDirectory;
import dev.microsim.kubernetes.control.PodRef;
import dev.microsim.kubernetes.render.KubeLabels;
import dev.microsim.kubernetes.render.KubeNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import dev.microsim.kubernetes.render.Ordered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates and deletes the chaos resources of a mesh's namespace. A resource is acknowledged when
 * Chaos Mesh reports it injected ({@code status.conditions[AllInjected]}) if {@code ackTimeout}
 * is positive, else when the API server stored it; a deletion when the object is gone (Chaos
 * Mesh's finalizer holds it until the fault is recovered in the pods).
 */
public final class ChaosResources {
    private static final Duration POLL = Duration.ofMillis(100);
    private final KubernetesClient client;
    private final String namespace;
    private final String scenarioName;
    private final PodDirectory pods;
    private final Clock clock;
    private final Duration ackTimeout;
    private final AtomicLong serial = new AtomicLong();

    public ChaosResources(KubernetesClient client, String namespace, String scenarioName, PodDirectory pods, Clock clock, Duration ackTimeout) {
        this.client = client;
        this.namespace = namespace;
        this.scenarioName = scenarioName;
        this.pods = pods;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    /** A created resource: what to delete, and when it was acknowledged. */
    public record Created(ChaosKind kind, String name, Instant at) {}

    /** The resource's object, selectors resolved (replica indexes become pod names now). */
    public GenericKubernetesResource build(ChaosPlan plan, String faultId, String faultKind, Duration duration) {
        String name = resourceName(faultId);
        Map<String, String> labels = new LinkedHashMap<>(KubeLabels.common(scenarioName, name, KubeLabels.CHAOS));
        labels.put(KubeLabels.FAULT, KubeNames.label(faultId));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("mode", "all");
        spec.put("selector", selector(plan.selector()));
        plan.target().ifPresent(t -> spec.put("target", Ordered.map("mode", "all", "selector", selector(t))));
        spec.putAll(plan.fields());
        spec.put("duration", GoDurations.seconds(duration));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(plan.kind().apiVersion()).withKind(plan.kind().kind())
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                    .withAnnotations(Ordered.map(KubeLabels.FAULT_ID, faultId, KubeLabels.FAULT_KIND, faultKind)).endMetadata()
                .withAdditionalProperties(Ordered.map("spec", spec))
                .build();
    }

    private String resourceName(String faultId) {
        String base = KubeNames.label("microsim-" + faultId);
        String suffix = "-" + serial.incrementAndGet();
        if (base.length() + suffix.length() > KubeNames.MAX) base = base.substring(0, KubeNames.MAX - suffix.length()).replaceAll("-+$", "");
        return base + suffix;
    }

    Map<String, Object> selector(Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespaces", List.of(namespace));
        if (s instanceof Selection.Service svc) {
            m.put("labelSelectors", KubeLabels.service(scenarioName, svc.service()));
        } else if (s instanceof Selection.Replicas r) {
            List<PodRef> all = pods.pods(r.service());
            List<String> names = new ArrayList<>();
            for (int i : new TreeSet<>(r.replicas())) {
                if (i >= all.size()) {
                    throw new IllegalStateException("replica " + i + " of \"" + r.service() + "\" has no serving pod (" + all.size() + " serving: "
                            + all.stream().map(PodRef::name).toList() + ")");
                }
                names.add(all.get(i).name());
            }
            m.put("pods", Ordered.map(namespace, names));
        } else if (s instanceof Selection.AllServicesExcept a) {
            m.put("labelSelectors", Ordered.map(KubeLabels.SCENARIO, KubeNames.label(scenarioName), KubeLabels.COMPONENT, KubeLabels.SIMULATED_SERVICE));
            m.put("expressionSelectors", List.of(Ordered.map("key", KubeLabels.SERVICE, "operator", "NotIn", "values", List.of(a.service()))));
        }
        return m;
    }

    public Created create(GenericKubernetesResource resource) {
        ChaosKind kind = ChaosKind.valueOf(kindOf(resource));
        try {
            client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(resource).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new IllegalStateException("cannot create " + kind.kind() + " " + resource.getMetadata().getName() + " in " + namespace
                        + ": the cluster has no " + kind.plural() + "." + ChaosKind.GROUP + " resource (is Chaos Mesh installed? docs/kubernetes.md)", e);
            }
            throw new IllegalStateException("cannot create " + kind.kind() + " " + resource.getMetadata().getName() + " in " + namespace + ": "
                    + e.getMessage(), e);
        }
        String name = resource.getMetadata().getName();
        if (!ackTimeout.isZero()) awaitInjected(kind, name);
        return new Created(kind, name, clock.instant());
    }

    private static String kindOf(GenericKubernetesResource r) {
        for (ChaosKind k : ChaosKind.values()) if (k.kind().equals(r.getKind())) return k.name();
        throw new IllegalArgumentException("not a Chaos Mesh kind: " + r.getKind());
    }

    private void awaitInjected(ChaosKind kind, String name) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (true) {
            GenericKubernetesResource r = client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get();
            if (r != null && injected(r)) return;
            if (System.nanoTime() > deadline) {
                try {
                    delete(new Created(kind, name, clock.instant()));
                } catch (RuntimeException suppressed) {
                    // reported with the failure below
                }
                throw new IllegalStateException(kind.kind() + " " + name + " in " + namespace + " was not injected within " + ackTimeout.toSeconds()
                        + " s (Chaos Mesh reported no AllInjected condition; is its controller running, and may it reach the pods?)");
            }
            sleep();
        }
    }

    @SuppressWarnings("unchecked")
    static boolean injected(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> st) || !(st.get("conditions") instanceof List<?> conditions)) return false;
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> m && "AllInjected".equals(m.get("type")) && "True".equals(String.valueOf(m.get("status")))) return true;
        }
        return false;
    }

    /** Deletes the resource and waits until it is gone (recovered); returns then. Deleting a missing one is fine. */
    public Instant delete(Created c) {
        var resource = client.genericKubernetesResources(c.kind().context()).inNamespace(namespace).withName(c.name());
        resource.delete();
        long deadline = System.nanoTime() + Math.max(ackTimeout.toNanos(), Duration.ofSeconds(30).toNanos());
        while (resource.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(c.kind().kind() + " " + c.name() + " in " + namespace
                        + " is still there after deletion (a Chaos Mesh finalizer waits for recovery in the pods); `microsim recover` retries");
            }
            sleep();
        }
        return clock.instant();
    }

    /** Every chaos resource MicroSim made for the scenario in the namespace (all scenarios if {@code scenarioName} is null). */
    public static List<Created> list(KubernetesClient client, String namespace, String scenarioName, Clock clock) {
        Map<String, String> selector = scenarioName == null ? Ordered.map(KubeLabels.MANAGED_BY, KubeLabels.MANAGER) : KubeLabels.mesh(scenarioName);
        List<Created> out = new ArrayList<>();
        for (ChaosKind k : ChaosKind.values()) {
            try {
                for (GenericKubernetesResource r : client.genericKubernetesResources(k.context()).inNamespace(namespace).withLabels(selector).list().getItems()) {
                    out.add(new Created(k, r.getMetadata().getName(), clock.instant()));
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) throw e; // 404: this kind's CRD is not installed, so none can exist
            }
        }
        return out;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Chaos Mesh", e);
        }
    }
}
