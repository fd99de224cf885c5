package dev.microsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a report says about the run itself, from {@code manifest.json}: scenario, seed, when, the
 * sampling interval and whether it completed. Missing fields stay null: the report shows "-".
 */
record RunInfo(String scenario, Long seed, Instant start, Instant end, Duration interval, boolean complete,
               String incompleteReason, long spansDropped, long metricsDropped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RunInfo read(Path dir) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return new RunInfo(dir.getFileName().toString(), null, null, null, null, false, "no manifest.json", 0, 0);
        }
        JsonNode m = JSON.readTree(manifest.toFile());
        return new RunInfo(m.path("scenario").path("name").asText(dir.getFileName().toString()),
                m.path("seed").isIntegralNumber() ? m.path("seed").asLong() : null,
                instant(m.path("start")), instant(m.path("end")), duration(m.path("interval")),
                m.path("complete").asBoolean(false), m.path("incompleteReason").isTextual() ? m.path("incompleteReason").asText() : null,
                m.path("counts").path("spans").path("dropped").asLong(0), m.path("counts").path("metrics").path("dropped").asLong(0));
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration duration(JsonNode node) {
        try {
            return node.isTextual() ? Duration.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
