package dev.microsim.cli;

import dev.microsim.faults.schedule.DatasetFiles;
import dev.microsim.faults.schedule.RunLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where {@code microsim run --out} may write. A dataset never silently replaces another one nor
 * mixes into a user's files: an existing, non-empty directory is refused unless {@code --force},
 * and even then not while another run writes it or while a dead run's faults are still on its
 * ledger (recover first: replacing the ledger would lose what there is to clean up).
 */
final class OutDirectory {
    /** Files of an earlier run that a new run does not necessarily rewrite; {@code --force} removes them. */
    private static final List<String> STALE = List.of("manifest.json", DatasetFiles.LEDGER, DatasetFiles.CONTROL, DatasetFiles.RESERVE,
            "labels.json.tmp", "manifest.json.tmp");

    private OutDirectory() {}

    /** Why {@code out} cannot be written, or empty when it can (with {@code force}, stale files of an earlier run are removed). */
    static Optional<String> check(Path out, boolean force) {
        if (Files.exists(out) && !Files.isDirectory(out)) return Optional.of(out + " is a file, not a directory");
        if (!Files.isDirectory(out)) return Optional.empty();
        List<String> names;
        try (Stream<Path> entries = Files.list(out)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return Optional.of("cannot read " + out + ": " + e.getMessage());
        }
        if (names.isEmpty()) return Optional.empty();
        if (RunLock.isHeld(out)) return Optional.of(out + ": another run is writing this dataset right now (" + RunLock.FILE + " is locked)");
        boolean dataset = names.contains("manifest.json") || names.contains(DatasetFiles.LEDGER);
        if (!force) {
            return Optional.of(out + (dataset ? " already holds a dataset" : " is not empty (" + describe(names) + ")")
                    + "; choose a new directory, or --force to write into it (the dataset's files are replaced)");
        }
        Optional<String> applied = appliedFaults(out.resolve(DatasetFiles.LEDGER));
        if (applied.isPresent()) {
            return Optional.of(out + ": the run that wrote it died with faults applied (" + applied.get() + "); run `microsim recover --dataset "
                    + out + "` first");
        }
        try {
            for (String name : STALE) Files.deleteIfExists(out.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + out + ": " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    private static Optional<String> appliedFaults(Path ledger) {
        if (!Files.isRegularFile(ledger)) return Optional.empty();
        List<String> ids = new java.util.ArrayList<>();
        try {
            DatasetFiles.read(ledger).path("applied").forEach(a -> ids.add(a.path("id").asText()));
        } catch (UncheckedIOException e) {
            return Optional.of(DatasetFiles.LEDGER + " cannot be read: " + e.getMessage());
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", ids));
    }

    private static String describe(List<String> names) {
        int shown = Math.min(3, names.size());
        String first = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? first + " and " + (names.size() - shown) + " more" : first;
    }
}
