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
    /** A heartbeat older than this means the run is gone even if its pid was reused. */
    static final Duration STALE = Duration.ofSeconds(5);

    public record Report(List<String> recovered, String message) {}

    private Leftovers() {}

    /** @throws IllegalArgumentException if DIR has no ledger; IllegalStateException if the run is still alive. */
    public static Report recover(Path dataset, Clock clock) {
        Path ledgerFile = dataset.resolve(DatasetFiles.LEDGER);
        if (!Files.isRegularFile(ledgerFile)) {
            throw new IllegalArgumentException(dataset + ": no " + DatasetFiles.LEDGER + ": not a dataset of a run with faults (nothing to recover)");
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
        String message = ids.isEmpty() ? "nothing was left applied" + (changed ? "; labels.json completed from the ledger" : "")
                : "recovered " + ids + " (local mode: the effects ended with the run's JVM); labels.json marked";
        return new Report(ids, message);
    }
}
