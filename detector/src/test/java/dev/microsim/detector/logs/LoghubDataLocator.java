package dev.microsim.detector.logs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds loghub-2k for the golden tests: {@code MICROSIM_LOGHUB_DIR} if set, otherwise
 * {@code shared/data/loghub-2k} beside the checkout or any of its ancestors. Missing data fails
 * the test, never skips it: the published accuracies are the proof the parser is right.
 */
final class LoghubDataLocator {

    private LoghubDataLocator() {
    }

    static Path loghubDirectory() {
        String override = System.getenv("MICROSIM_LOGHUB_DIR");
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override);
            if (!Files.isRegularFile(dir.resolve("drain-benchmark.json"))) {
                throw new AssertionError("MICROSIM_LOGHUB_DIR=" + override + " has no drain-benchmark.json");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        return search(start).orElseThrow(() -> new AssertionError(
                "loghub-2k not found: looked for shared/data/loghub-2k beside every ancestor of " + start
                        + "; set MICROSIM_LOGHUB_DIR to its location"));
    }

    static Optional<Path> search(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("loghub-2k");
            if (Files.isRegularFile(candidate.resolve("drain-benchmark.json"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
