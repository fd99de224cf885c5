package dev.microsim.faults.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code microsim recover}: cleans up after a run that died with faults applied, from the
 * applied-faults ledger it left in its dataset. In local mode every effect lived in the dead JVM,
 * so nothing is left to undo in a process; what remains is the record: each leftover fault's label
 * gets {@code actual.end} = the run's last heartbeat (an upper bound, at most a second late) and
 * {@code endedBy}, labels.json is rebuilt from the ledger's journal if the run never wrote it, and
 * the ledger is emptied. (A Kubernetes mode would delete its leftover chaos resources here.)
 */
public final class Leftovers {
    static final String MANIFEST = "manifest.json";
    /** The recorder's reason while a run is alive; a manifest still saying it after the run is gone was left by a dead run. */
    static final String IN_PROGRESS = "run in progress";
    /** A heartbeat older than this means the run is gone even if its pid was reused. */
    static final Duration STALE = Duration.ofSeconds(5);

    public record Report(List<String> recovered, String message) {}

    private Leftovers() {}

    /**
     * @throws IllegalArgumentException if DIR is not a dataset (no ledger and no manifest);
     *     IllegalStateException if the run is still alive
     */
    public static Report recover(Path dataset, Clock clock) {
        if (RunLock.isHeld(dataset)) {
            throw new IllegalStateException("the run writing " + dataset + " is still going (" + RunLock.FILE
                    + " is locked); stop it (Ctrl-C or SIGTERM) and it recovers its faults itself");
        }
        Path ledgerFile = dataset.resolve(DatasetFiles.LEDGER);
        Path manifestFile = dataset.resolve(MANIFEST);
        if (!Files.isRegularFile(ledgerFile)) {
            if (!Files.isRegularFile(manifestFile)) {
                throw new IllegalArgumentException(dataset + ": no " + DatasetFiles.LEDGER + " and no " + MANIFEST + ": not the dataset of a run (nothing to recover)");
            }
            // Died before its fault schedule started: nothing was ever applied, but the record still says "in progress".
            String marked = finishRecord(dataset, clock, null);
            return new Report(List.of(), "nothing was applied (the run died before its faults started)" + marked);
        }
        JsonNode ledger = DatasetFiles.read(ledgerFile);
        Instant aliveAt = Instant.parse(ledger.path("aliveAt").asText());
        long pid = ledger.path("pid").asLong(-1);
        List<String> ids = new ArrayList<>();
        ledger.path("applied").forEach(a -> ids.add(a.path("id").asText()));
        boolean processAlive = pid > 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!ids.isEmpty() && processAlive && Duration.between(aliveAt, clock.instant()).compareTo(STALE) < 0) {
            throw new IllegalStateException("the run (pid " + pid + ") is still going with " + ids + " applied; stop it (Ctrl-C or SIGTERM) and it recovers them itself");
        }
        Map<String, ObjectNode> labels = new LinkedHashMap<>();
        Path labelsFile = dataset.resolve(DatasetFiles.LABELS);
        boolean hadLabels = Files.isRegularFile(labelsFile);
        if (hadLabels) DatasetFiles.read(labelsFile).path("faults").forEach(f -> labels.put(f.path("id").asText(), (ObjectNode) f.deepCopy()));
        boolean changed = false;
        for (JsonNode journal : ledger.path("labels")) {
            String id = journal.path("id").asText();
            ObjectNode label = labels.get(id);
            if (label == null) {
                labels.put(id, (ObjectNode) journal.deepCopy());
                changed = true;
            } else if (label.path("actual").path("end").isNull() && journal.path("actual").path("end").isTextual()) {
                // the run recovered it (e.g. in its shutdown hook) after the recorder had written labels.json
                ((ObjectNode) label.path("actual")).put("end", journal.path("actual").path("end").asText());
                changed = true;
            }
        }
        for (String id : ids) {
            ObjectNode label = labels.get(id);
            if (label != null && label.path("actual").path("end").isNull()) {
                ((ObjectNode) label.path("actual")).put("end", DatasetFiles.instant(aliveAt));
                label.put("endedBy", "the run died with the fault applied; end = its last heartbeat; closed by microsim recover");
                changed = true;
            }
        }
        if (changed || !hadLabels) {
            ObjectNode root = DatasetFiles.JSON.createObjectNode();
            root.put("formatVersion", 1);
            ArrayNode faults = root.putArray("faults");
            labels.values().forEach(faults::add);
            DatasetFiles.write(labelsFile, root);
        }
        ObjectNode cleared = ledger.deepCopy();
        cleared.putArray("applied");
        cleared.put("recoveredAt", DatasetFiles.instant(clock.instant()));
        DatasetFiles.write(ledgerFile, cleared);
        String marked = finishRecord(dataset, clock, ids.isEmpty() ? null : aliveAt);
        String message = ids.isEmpty() ? "nothing was left applied" + (changed ? "; labels.json completed from the ledger" : "")
                : "recovered " + ids + " (local mode: the effects ended with the run's JVM); labels.json marked";
        return new Report(ids, message + marked);
    }

    /**
     * What a dead run could not do itself: its manifest says why the dataset is incomplete (not
     * "run in progress"), and its control API token file goes. A manifest that says complete is
     * left alone. Returns what was done, for the report.
     */
    private static String finishRecord(Path dataset, Clock clock, Instant lastHeartbeat) {
        StringBuilder done = new StringBuilder();
        Path manifestFile = dataset.resolve(MANIFEST);
        ObjectNode manifest = Files.isRegularFile(manifestFile) ? (ObjectNode) DatasetFiles.read(manifestFile).deepCopy() : null;
        if (manifest == null || !manifest.path("complete").asBoolean(false)) {
            if (manifest == null) {
                manifest = DatasetFiles.JSON.createObjectNode();
                manifest.put("formatVersion", 1);
            }
            String before = manifest.path("incompleteReason").asText("");
            boolean died = before.isEmpty() || before.equals(IN_PROGRESS);
            if (died) {
                manifest.put("complete", false);
                manifest.put("incompleteReason", "the run died (killed or crashed) before it finished"
                        + (lastHeartbeat == null ? "" : "; last heartbeat " + DatasetFiles.instant(lastHeartbeat))
                        + "; closed by microsim recover at " + DatasetFiles.instant(clock.instant()));
                manifest.put("recoveredAt", DatasetFiles.instant(clock.instant()));
                DatasetFiles.write(manifestFile, manifest);
                done.append("; manifest.json marked incomplete");
            }
        }
        try {
            Files.deleteIfExists(dataset.resolve(DatasetFiles.RESERVE));
            if (Files.deleteIfExists(dataset.resolve(DatasetFiles.CONTROL))) done.append("; control.json (its token) removed");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove " + dataset.resolve(DatasetFiles.CONTROL) + ": " + e.getMessage(), e);
        }
        return done.toString();
    }
}
