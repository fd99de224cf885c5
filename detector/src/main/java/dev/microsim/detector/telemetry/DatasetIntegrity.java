package dev.microsim.detector.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Checks a dataset's files against what its manifest says it wrote ({@code files}: sha256 and
 * bytes per file), so an edited, truncated or deleted file is refused by name instead of being
 * scored. Sizes are always checked; the SHA-256 too for files up to {@value #ALWAYS_HASHED_BYTES}
 * bytes, and for every file when asked ({@code --verify}): hashing gigabytes of traces on every
 * read would cost more than the check is worth.
 */
public final class DatasetIntegrity {

    public static final long ALWAYS_HASHED_BYTES = 64L << 20;

    private DatasetIntegrity() {
    }

    /**
     * Checks those of {@code names} the manifest lists; a manifest without {@code files} (a run
     * that died before finishing) has nothing to check against. Every mismatch is reported at once.
     */
    public static void check(Path dir, JsonNode manifest, Collection<String> names, boolean hashEverything) throws InputException {
        JsonNode files = manifest.path("files");
        Path manifestFile = dir.resolve("manifest.json");
        ProblemCollector problems = new ProblemCollector();
        for (String name : names) {
            JsonNode entry = files.path(name);
            if (entry.isMissingNode()) {
                continue;
            }
            Path file = dir.resolve(name);
            long listed = entry.path("bytes").asLong(-1);
            String sha = entry.path("sha256").asText("");
            if (!Files.isRegularFile(file)) {
                problems.add(InputProblem.ofFile(file, "not found, but " + manifestFile.getFileName() + " lists it (" + listed
                        + " bytes): the dataset was changed after the run"));
                continue;
            }
            try {
                long size = Files.size(file);
                if (listed >= 0 && size != listed) {
                    problems.add(InputProblem.ofFile(file, "is " + size + " bytes but " + manifestFile.getFileName() + " lists " + listed
                            + (size < listed ? ": the file was truncated or changed after the run" : ": the file was changed after the run")));
                } else if (!sha.isEmpty() && (hashEverything || size <= ALWAYS_HASHED_BYTES) && !sha.equals(sha256(file))) {
                    problems.add(InputProblem.ofFile(file, "does not match its SHA-256 in " + manifestFile.getFileName()
                            + ": the file was changed after the run"));
                }
            } catch (IOException e) {
                problems.add(InputProblem.ofFile(file, "cannot be read to check it: " + e.getMessage()));
            }
        }
        problems.throwIfAny();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
