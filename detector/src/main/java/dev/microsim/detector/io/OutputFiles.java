package dev.microsim.detector.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks where a command will write before it does any work, so a user learns at once that
 * {@code --out} names a directory where a file is expected (or the reverse), or that an export
 * would overwrite an earlier one.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** {@code file} will be written (replaced if it exists): it must not be a directory, and its directory must exist. */
    public static void checkWritableFile(Path file, String flag) throws InputException {
        if (Files.isDirectory(file)) {
            throw new InputException(InputProblem.ofFile(file, flag + " is a directory, expected a file name (e.g. "
                    + file.resolve("score.json") + ")"));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputException(InputProblem.ofFile(file, flag + ": the directory " + parent + " does not exist"));
        }
    }

    /**
     * {@code dir} will receive {@code names} (files or directories): it must not be a file, and
     * without {@code force} none of them may be there already.
     */
    public static void checkDirectoryFor(Path dir, String flag, List<String> names, boolean force) throws InputException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(InputProblem.ofFile(dir, flag + " is a file, expected a directory to write into"));
        }
        if (force || !Files.isDirectory(dir)) {
            return;
        }
        List<String> present = names.stream().filter(n -> Files.exists(dir.resolve(n))).toList();
        if (!present.isEmpty()) {
            throw new InputException(InputProblem.ofFile(dir, flag + " already holds " + String.join(", ", present)
                    + " from an earlier export; pass --force to overwrite, or choose another directory"));
        }
    }
}
