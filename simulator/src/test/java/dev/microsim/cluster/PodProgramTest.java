package dev.microsim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which program the pods of {@code run --mode pods} run (docs/kubernetes.md, "A cluster on one machine"). */
class PodProgramTest {
    static final String CLI_CP = "/x/simulator/target/classes:/x/simulator/target/lib/a.jar";

    @Test
    void theJarThatMicrosimServeJarNamesIsRunWithJavaDashJar(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "jar");
        List<String> problems = new ArrayList<>();
        PodProgram p = PodProgram.resolve(Map.of(PodProgram.ENV, jar.toString()), CLI_CP, problems);
        assertThat(problems).isEmpty();
        assertThat(p.launch()).containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", jar.toAbsolutePath().toString());
        assertThat(p.name()).contains("Quarkus").contains(jar.toString());
    }

    @Test
    void aJarThatIsNotThereIsAnErrorNamingTheVariableAndItsValueNotASilentFallback(@TempDir Path dir) {
        List<String> problems = new ArrayList<>();
        String missing = dir.resolve("serve/target/quarkus-app/quarkus-run.jar").toString();
        assertThat(PodProgram.resolve(Map.of(PodProgram.ENV, missing), CLI_CP, problems)).isNull();
        assertThat(problems).singleElement().asString().contains("MICROSIM_SERVE_JAR=" + missing).contains("no such file")
                .contains("-pl serve -am package");
    }

    @Test
    void plainAsksForThePlainServeFromThisClasspath() {
        PodProgram p = PodProgram.resolve(Map.of(PodProgram.ENV, "plain"), CLI_CP, new ArrayList<>());
        assertThat(p.launch()).containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", CLI_CP, Main.class.getName());
    }

    @Test
    void unsetInsideTheImageTheJarThisJvmRunsFromIsUsedElseThePlainServe() {
        PodProgram inImage = PodProgram.resolve(Map.of(), "/deployments/quarkus-run.jar", new ArrayList<>());
        assertThat(inImage.launch()).containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", "/deployments/quarkus-run.jar");
        PodProgram byHand = PodProgram.resolve(Map.of(), CLI_CP, new ArrayList<>());
        assertThat(byHand.launch()).contains("-cp", CLI_CP).doesNotContain("-jar");
        assertThat(byHand.name()).contains("plain serve");
    }
}
