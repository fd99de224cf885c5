package dev.microsim.kubernetes.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One file of a rendered mesh: a name whose prefix orders it ({@code kubectl apply -f DIR} reads
 * files in name order, so the Namespace comes first) and the objects it holds.
 */
public record ManifestFile(String name, List<HasMetadata> objects) {
    public ManifestFile {
        if (!name.matches("[0-9]{2}-[a-z0-9-]+\\.yaml")) throw new IllegalArgumentException("manifest file names are NN-name.yaml, got " + name);
        objects = List.copyOf(objects);
        if (objects.isEmpty()) throw new IllegalArgumentException(name + ": a manifest file holds at least one object");
    }
}
