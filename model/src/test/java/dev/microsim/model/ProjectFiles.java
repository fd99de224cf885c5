package dev.microsim.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds files of the checkout from a test, whatever directory the build runs it in. */
public final class ProjectFiles {
    private ProjectFiles() {}

    /** The checkout's root: the nearest directory, walking up from the working directory, holding scenarios/ and pom.xml. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("scenarios")) && Files.isRegularFile(d.resolve("pom.xml"))) return d;
        }
        throw new IllegalStateException("no directory holding scenarios/ and pom.xml above " + dir);
    }

    /** Every *.yaml / *.yml file under scenarios/, recursively, sorted; not the suite files of scenarios/suites/ (docs/suites.md). */
    public static List<Path> scenarioFiles() {
        Path suites = root().resolve("scenarios").resolve("suites");
        try (Stream<Path> files = Files.walk(root().resolve("scenarios"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(suites))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
