package dev.microsim.detector.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.rank.Candidate;
import dev.microsim.detector.rank.Evidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code incidents.json} (docs/rca.md): label-free, so it names no fault. Written to a temporary
 * file and moved into place: a crash leaves no half file.
 */
public final class IncidentJson {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final int FORMAT_VERSION = 1;

    private IncidentJson() {
    }

    public static ObjectNode json(String source, String detector, String ranker, List<String> notes, List<Incident> incidents) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("source", source);
        root.put("detector", detector);
        root.put("ranker", ranker);
        notes.forEach(root.putArray("notes")::add);
        ArrayNode list = root.putArray("incidents");
        for (Incident incident : incidents) {
            ObjectNode i = list.addObject();
            i.put("id", incident.id());
            i.put("start", incident.start().toString());
            i.put("end", incident.end().toString());
            incident.anomalousServices().forEach(i.putArray("anomalousServices")::add);
            i.put("suspectedRootCause", incident.suspectedRootCause());
            ArrayNode candidates = i.putArray("candidates");
            for (Candidate c : incident.ranking().candidates()) {
                ObjectNode node = candidates.addObject();
                node.put("service", c.service());
                node.put("score", Double.isFinite(c.score()) ? Math.round(c.score() * 1000) / 1000.0 : 0);
                node.put("explanation", c.explanation());
                ArrayNode evidence = node.putArray("evidence");
                for (Evidence e : c.evidence()) {
                    ObjectNode ev = evidence.addObject();
                    ev.put("signal", e.signal());
                    ev.put("z", Math.round(e.score() * 100) / 100.0);
                    ev.put("from", e.onset() == null ? null : e.onset().toString());
                    ev.put("why", e.why());
                }
            }
        }
        return root;
    }

    /** {@code ranking.json}: fault id to services, the format {@code score --ranking} reads. */
    public static ObjectNode ranking(Map<String, List<String>> rankings) {
        ObjectNode root = JSON.createObjectNode();
        rankings.forEach((fault, services) -> services.forEach(root.putArray(fault)::add));
        return root;
    }

    public static void write(ObjectNode node, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temp.toFile(), node);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
