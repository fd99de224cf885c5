package dev.microsim.faults.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.model.scenario.FaultTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Optional;

/** JSON for labels.json and faults.applied.json (dataset format v1), written atomically (temp + rename). */
public final class DatasetFiles {
    public static final String LABELS = "labels.json";
    public static final String LEDGER = "faults.applied.json";
    /** The live control API's URL and token (ControlApi), present only while the run is alive. */
    public static final String CONTROL = "control.json";
    /** Space the recorder sets aside at open and frees at the end, so the last files fit on a full disk. */
    public static final String RESERVE = ".space-reserve";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DatasetFiles() {}

    public static String instant(Instant i) {
        return INSTANT.format(i);
    }

    public static ObjectNode target(FaultTarget t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("service", t.service());
        if (t.endpoint().isPresent()) n.put("endpoint", t.endpoint().get().toString()); else n.putNull("endpoint");
        if (t.replicas().isPresent()) {
            ArrayNode a = n.putArray("replicas");
            t.replicas().get().forEach(a::add);
        } else {
            n.putNull("replicas");
        }
        if (t.caller().isPresent()) n.put("caller", t.caller().get()); else n.putNull("caller");
        n.put("share", t.share());
        return n;
    }

    private static void putInstant(ObjectNode n, String key, Optional<Instant> i) {
        if (i.isPresent()) n.put(key, instant(i.get())); else n.putNull(key);
    }

    public static ObjectNode label(LabelRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("kind", r.kind());
        n.put("description", r.description());
        n.put("source", r.source());
        n.put("mechanism", r.mechanism());
        n.set("target", target(r.target()));
        n.set("parameters", JSON.valueToTree(r.parameters()));
        ObjectNode planned = n.putObject("planned");
        planned.put("start", instant(r.plannedStart()));
        planned.put("end", instant(r.plannedEnd()));
        ObjectNode actual = n.putObject("actual");
        putInstant(actual, "start", r.actualStart());
        putInstant(actual, "end", r.actualEnd());
        ArrayNode roots = n.putArray("rootCauses");
        r.rootCauses().forEach(roots::add);
        ArrayNode affected = n.putArray("affected");
        r.affected().forEach(affected::add);
        r.cancelled().ifPresent(why -> n.put("cancelled", why));
        return n;
    }

    public static ObjectNode labels(Collection<LabelRecord> records) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        ArrayNode faults = root.putArray("faults");
        records.forEach(r -> faults.add(label(r)));
        return root;
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, JsonNode json) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
