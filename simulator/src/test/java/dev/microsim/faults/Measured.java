package dev.microsim.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes each measured effect size to target/fault-signatures.md (one table row per assertion), so
 * docs/faults.md quotes numbers a test actually measured.
 */
final class Measured {
    private static final Path FILE = Path.of("target", "fault-signatures.md");

    private Measured() {}

    static synchronized void row(String kind, String series, double before, double during, double after, String asserted) {
        String line = String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %s |%n", kind, series, before, during, after, asserted);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
