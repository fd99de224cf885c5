package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./microsim} used to build only when the jar was missing, so after {@code git pull} it ran
 * a stale build. It must rebuild when a source or a pom is newer than the last build. The real
 * script runs on a copy of the layout with MICROSIM_BUILD_CHECK set, which reports its decision
 * instead of building.
 */
class LauncherTest {
    private static String decision(Path checkout) throws Exception {
        return awaitOutput(new ProcessBuilder("env", "MICROSIM_BUILD_CHECK=1", "bash", checkout.resolve("microsim").toString()));
    }

    private static String awaitOutput(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes()).strip();
    }

    @Test
    void rebuildsWhenASourceOrAPomIsNewerThanTheLastBuild(@TempDir Path checkout) throws Exception {
        Path root = projectRoot();
        Files.copy(root.resolve("microsim"), checkout.resolve("microsim"));
        Path source = Files.createDirectories(checkout.resolve("model/src/main/java/x")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Path pom = Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        assertThat(decision(checkout)).isEqualTo("no build yet");

        Path target = Files.createDirectories(checkout.resolve("simulator/target/lib"));
        Files.writeString(target.resolveSibling("microsim-simulator-0.1.0-SNAPSHOT.jar"), "jar");
        Path stamp = Files.writeString(target.resolveSibling(".microsim-built"), "");
        // The pods of `run --mode pods` run serve's Quarkus application: without its jar the build is not complete.
        assertThat(decision(checkout)).isEqualTo("no build yet");
        Path serveJar = Files.createDirectories(checkout.resolve("serve/target/quarkus-app")).resolve("quarkus-run.jar");
        Files.writeString(serveJar, "jar");
        Instant built = Instant.now();
        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(pom, FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(stamp, FileTime.from(built));
        assertThat(decision(checkout)).isEqualTo("up to date");

        Files.setLastModifiedTime(source, FileTime.from(built.plusSeconds(5))); // git pull brought a newer source
        assertThat(decision(checkout)).isEqualTo("sources changed since the last build");
        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(pom, FileTime.from(built.plusSeconds(5)));
        assertThat(decision(checkout)).isEqualTo("sources changed since the last build");
        // Build output never counts as a change.
        Files.setLastModifiedTime(pom, FileTime.from(built.minusSeconds(60)));
        Path output = Files.createDirectories(checkout.resolve("model/target/classes/x")).resolve("A.class");
        Files.writeString(output, "x");
        assertThat(decision(checkout)).isEqualTo("up to date");
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("microsim")) && Files.exists(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no ./microsim above " + Path.of("").toAbsolutePath());
    }
}
