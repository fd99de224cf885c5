package dev.microsim.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.kubernetes.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered manifests of Online Boutique, file by file, against the golden copy in
 * src/test/resources/golden/online-boutique. After an intended change, run with
 * {@code -Dmicrosim.updateGolden=true} and review the diff in git.
 */
class RenderGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/online-boutique");

    @Test
    void onlineBoutiqueMatchesTheGoldenFiles(@TempDir Path tmp) throws IOException {
        RenderedMesh mesh = new MeshRenderer(RenderOptions.defaults()).render(Scenarios.example("online-boutique.yaml"));
        Path out = tmp.resolve("ob");
        ManifestWriter.write(mesh, out);
        if (Boolean.getBoolean("microsim.updateGolden")) {
            try (Stream<Path> old = Files.list(GOLDEN)) {
                for (Path p : old.toList()) Files.delete(p);
            } catch (java.nio.file.NoSuchFileException fresh) {
                Files.createDirectories(GOLDEN);
            }
            for (Path p : files(out)) Files.copy(p, GOLDEN.resolve(p.getFileName()));
        }
        assertThat(names(out)).isEqualTo(names(GOLDEN));
        for (Path p : files(out)) {
            assertThat(Files.readString(p)).as(p.getFileName().toString()).isEqualTo(Files.readString(GOLDEN.resolve(p.getFileName())));
        }
    }

    @Test
    void oneFilePerServicePlusTheSharedParts() {
        RenderedMesh mesh = new MeshRenderer(RenderOptions.defaults()).render(Scenarios.example("online-boutique.yaml"));
        assertThat(mesh.namespace()).isEqualTo("microsim-online-boutique");
        assertThat(mesh.files()).extracting(ManifestFile::name).startsWith("00-namespace.yaml", "10-injector-rbac.yaml", "20-scenario.yaml",
                "30-otel-collector.yaml").endsWith("90-load.yaml").hasSize(4 + 11 + 1);
        // 1 namespace + 3 rbac + 1 scenario + 3 collector + 2 per service + 1 job
        assertThat(mesh.objects()).hasSize(1 + 3 + 1 + 3 + 2 * 11 + 1);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        return files(dir).stream().map(p -> p.getFileName().toString()).toList();
    }
}
