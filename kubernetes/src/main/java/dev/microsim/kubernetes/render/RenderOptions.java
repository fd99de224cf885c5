package dev.microsim.kubernetes.render;

import dev.microsim.model.units.ByteSize;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a scenario becomes manifests. {@code namespace} empty means {@code microsim-<scenario>};
 * {@code recorder} is the OTLP/HTTP receiver the collector forwards to; {@code memoryOverhead} is
 * added to each service's memory limit for the JVM that simulates it (the scenario's limit is the
 * simulated service's own budget, which leaks and memory pressure run into).
 */
public record RenderOptions(Optional<String> namespace, String image, String imagePullPolicy, String collectorImage, URI recorder,
                            ByteSize memoryOverhead) {
    public static final String DEFAULT_IMAGE = "microsim:0.1.0-SNAPSHOT";
    public static final String DEFAULT_COLLECTOR_IMAGE = "otel/opentelemetry-collector:0.114.0";
    public static final URI DEFAULT_RECORDER = URI.create("http://microsim-recorder:4318");
    public static final ByteSize DEFAULT_MEMORY_OVERHEAD = ByteSize.parse("192Mi");
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

    public RenderOptions {
        namespace = namespace == null ? Optional.empty() : namespace;
        List<String> problems = new ArrayList<>();
        namespace.ifPresent(ns -> {
            if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                problems.add("namespace: \"" + ns + "\" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63)");
            }
        });
        if (image == null || image.isBlank() || image.contains(" ")) problems.add("image: expected an image reference like registry/microsim:tag, got \"" + image + "\"");
        if (collectorImage == null || collectorImage.isBlank() || collectorImage.contains(" ")) {
            problems.add("collector image: expected an image reference, got \"" + collectorImage + "\"");
        }
        if (!PULL_POLICIES.contains(imagePullPolicy)) problems.add("image pull policy: expected one of " + PULL_POLICIES + ", got \"" + imagePullPolicy + "\"");
        if (recorder == null || !"http".equals(recorder.getScheme()) && !"https".equals(recorder.getScheme()) || recorder.getHost() == null) {
            problems.add("recorder: expected an OTLP/HTTP URL like http://microsim-recorder:4318, got \"" + recorder + "\"");
        }
        if (memoryOverhead == null) problems.add("memory overhead: required");
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    }

    public static RenderOptions defaults() {
        return new RenderOptions(Optional.empty(), DEFAULT_IMAGE, "IfNotPresent", DEFAULT_COLLECTOR_IMAGE, DEFAULT_RECORDER, DEFAULT_MEMORY_OVERHEAD);
    }

    public RenderOptions withNamespace(String ns) {
        return new RenderOptions(Optional.of(ns), image, imagePullPolicy, collectorImage, recorder, memoryOverhead);
    }

    public String namespaceFor(String scenarioName) {
        return namespace.orElseGet(() -> KubeNames.namespace(scenarioName));
    }
}
