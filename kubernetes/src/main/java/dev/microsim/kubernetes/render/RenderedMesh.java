package dev.microsim.kubernetes.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** A scenario rendered for a cluster: its namespace and the manifest files, in apply order. */
public record RenderedMesh(String scenarioName, String namespace, List<ManifestFile> files) {
    public RenderedMesh {
        files = List.copyOf(files);
    }

    /** Every object, in apply order. */
    public List<HasMetadata> objects() {
        return files.stream().flatMap(f -> f.objects().stream()).toList();
    }
}
