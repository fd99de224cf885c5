package dev.microsim.detector.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the NAB copy the golden tests need: {@code MICROSIM_NAB_DIR} if set, otherwise
 * {@code shared/data/nab} beside the checkout or any of its ancestors (CI clones the repo next to
 * {@code shared/}). Not finding it is a test failure, never a skip: the golden numbers are the proof
 * that the scorer is right.
 */
final class NabDataLocator {

    private NabDataLocator() {
    }

    static Path nabDirectory() {
        String override = System.getenv("MICROSIM_NAB_DIR");
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override);
            if (!Files.isDirectory(dir.resolve("labels"))) {
                throw new AssertionError("MICROSIM_NAB_DIR=" + override + " has no labels/ directory");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        return search(start).orElseThrow(() -> new AssertionError(
                "NAB data not found: looked for shared/data/nab beside every ancestor of " + start
                        + "; set MICROSIM_NAB_DIR to its location"));
    }

    static Optional<Path> search(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("nab");
            if (Files.isDirectory(candidate.resolve("labels"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
