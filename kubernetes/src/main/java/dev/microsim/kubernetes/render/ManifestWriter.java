package dev.microsim.kubernetes.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a rendered mesh as YAML files, all or nothing: the files go to a sibling temp directory
 * that replaces {@code dir} only when every file is written, so a failure never leaves half a
 * mesh behind. {@code dir} must be absent, empty, or a directory this writer made before.
 */
public final class ManifestWriter {
    /** Written into every rendered directory, so a re-render may replace it (and nothing else). */
    public static final String MARKER = ".microsim-render";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private ManifestWriter() {}

    /** One file's text: a header, then each object as a YAML document. */
    public static String yaml(String scenarioName, ManifestFile file) {
        StringBuilder b = new StringBuilder("# Rendered by `microsim render` from scenario \"").append(scenarioName)
                .append("\". Do not edit: render again.\n");
        for (HasMetadata o : file.objects()) {
            String doc = YAML.asYaml(o);
            b.append(doc.startsWith("---") ? doc : "---\n" + doc);
            if (!doc.endsWith("\n")) b.append('\n');
        }
        return b.toString();
    }

    public static void write(RenderedMesh mesh, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) throw new IllegalArgumentException("--out " + dir + ": exists and is not a directory");
        if (Files.isDirectory(target) && !isEmpty(target) && !Files.exists(target.resolve(MARKER))) {
            throw new IllegalArgumentException("--out " + dir + ": not empty and not a directory `microsim render` wrote; refusing to replace it");
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".rendering");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (ManifestFile f : mesh.files()) Files.writeString(tmp.resolve(f.name()), yaml(mesh.scenarioName(), f), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(MARKER), "scenario " + mesh.scenarioName() + ", namespace " + mesh.namespace() + "\n");
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                deleteTree(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("--out " + dir + ": cannot write the manifests: " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
