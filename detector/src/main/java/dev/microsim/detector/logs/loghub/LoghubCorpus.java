package dev.microsim.detector.logs.loghub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.logs.LogFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the loghub-2k benchmark directory ({@code drain-benchmark.json} plus per system
 * {@code X_2k.log} and {@code X_2k.log_structured.csv}). The raw log is split with the system's
 * reference log format; the structured CSV gives the true event id of each line, for scoring.
 */
public final class LoghubCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoghubCorpus() {
    }

    public static List<LoghubSystem> read(Path dir) throws IOException {
        JsonNode datasets = JSON.readTree(dir.resolve("drain-benchmark.json").toFile()).path("datasets");
        if (!datasets.isObject() || datasets.isEmpty()) {
            throw new IOException(dir.resolve("drain-benchmark.json") + ": no \"datasets\" object");
        }
        List<LoghubSystem> systems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = datasets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            systems.add(system(dir, entry.getKey(), entry.getValue()));
        }
        return systems;
    }

    private static LoghubSystem system(Path dir, String name, JsonNode settings) throws IOException {
        Path log = dir.resolve(settings.path("logFile").asText());
        Path structured = log.resolveSibling(log.getFileName() + "_structured.csv");
        String format = settings.path("logFormat").asText();
        LogFormat logFormat = LogFormat.of(format);
        List<String> masks = new ArrayList<>();
        settings.path("maskRegexes").forEach(m -> masks.add(m.asText()));
        List<String> messages = new ArrayList<>();
        try (BufferedReader reader = lenientUtf8(log)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int at = number;
                messages.add(logFormat.content(line).orElseThrow(
                        () -> new IOException(log + ":" + at + ": does not fit the log format " + format)));
            }
        }
        List<String> eventIds = new ArrayList<>();
        try (Reader reader = lenientUtf8(structured);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            for (CSVRecord record : csv) {
                eventIds.add(record.get("EventId"));
            }
        }
        return new LoghubSystem(name, format, masks, settings.path("similarityThreshold").asDouble(),
                settings.path("depth").asInt(), settings.path("publishedDrainGroupingAccuracy").asDouble(), messages, eventIds);
    }

    /** The raw logs hold a few bytes that are not UTF-8; replace them rather than fail. */
    private static BufferedReader lenientUtf8(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
}
