package dev.microsim.detector.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the label-free part of a MicroSim dataset directory, format v1 (docs/dataset-format.md):
 * {@code manifest.json}, {@code metrics.csv}, and where {@code traces.jsonl} and {@code logs.jsonl}
 * are. It never opens {@code labels.json}. Refuses an incomplete run (no manifest, or
 * {@code complete: false}) unless asked to read a partial one.
 */
public final class TelemetryReader {

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS_HEADER = List.of("time", "service", "endpoint", "metric", "value");

    private final boolean allowPartial;

    public TelemetryReader(boolean allowPartial) {
        this.allowPartial = allowPartial;
    }

    public TelemetryReader() {
        this(false);
    }

    public Telemetry read(Path dir) throws InputException {
        checkManifest(dir);
        List<MetricSeries> metrics = readMetrics(dir.resolve("metrics.csv"));
        return new Telemetry(dir.toString(), metrics, present(dir.resolve("traces.jsonl")), present(dir.resolve("logs.jsonl")));
    }

    private static Optional<Path> present(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private void checkManifest(Path dir) throws InputException {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new InputException(InputProblem.ofFile(manifest,
                    "not found: the run died before it could finish, so the dataset is incomplete"
                            + (allowPartial ? "" : " (pass --allow-partial to read it anyway)")));
        }
        JsonNode tree = readJson(manifest);
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.isInt() || version.asInt() != FORMAT_VERSION) {
            throw new InputException(InputProblem.at(manifest, 0, "formatVersion", String.valueOf(version),
                    "is not a format this reader knows (only " + FORMAT_VERSION + ")"));
        }
        JsonNode complete = tree.get("complete");
        if (complete == null || !complete.isBoolean()) {
            throw new InputException(InputProblem.at(manifest, 0, "complete", String.valueOf(complete), "must be true or false"));
        }
        if (!complete.asBoolean() && !allowPartial) {
            throw new InputException(InputProblem.at(manifest, 0, "complete", "false",
                    "the dataset is incomplete (" + tree.path("incompleteReason").asText("no reason given")
                            + "); pass --allow-partial to read it anyway"));
        }
    }

    private static List<MetricSeries> readMetrics(Path file) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, "not found"));
        }
        ProblemCollector problems = new ProblemCollector();
        Map<String, SeriesBuilder> series = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderNames().equals(METRICS_HEADER)) {
                throw new InputException(InputProblem.at(file, 1, null, String.join(",", csv.getHeaderNames()),
                        "header must be " + String.join(",", METRICS_HEADER)));
            }
            for (CSVRecord record : csv) {
                long line = record.getRecordNumber() + 1;
                if (record.size() != METRICS_HEADER.size()) {
                    problems.add(InputProblem.at(file, line, null, record.toList().toString(), "must have 5 fields"));
                    continue;
                }
                String service = record.get("service");
                String endpoint = record.get("endpoint");
                String metric = record.get("metric");
                String name = service + "/" + endpoint + "/" + metric;
                try {
                    Instant time = Instant.parse(record.get("time"));
                    double value = Double.parseDouble(record.get("value"));
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException();
                    }
                    series.computeIfAbsent(name, n -> new SeriesBuilder(n, service, endpoint, metric)).add(time.toEpochMilli(), value);
                } catch (DateTimeParseException e) {
                    problems.add(InputProblem.at(file, line, "time", record.get("time"), "is not an ISO-8601 instant"));
                } catch (NumberFormatException e) {
                    problems.add(InputProblem.at(file, line, "value", record.get("value"), "is not a finite number"));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read as CSV: " + e.getMessage()));
        }
        problems.throwIfAny();
        List<MetricSeries> result = new ArrayList<>();
        series.values().forEach(b -> result.add(b.build()));
        return result;
    }

    static JsonNode readJson(Path file) throws InputException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "is not valid JSON: " + e.getMessage()));
        }
    }

    /** Rows may come in any order; a TreeMap sorts them by instant. */
    private record SeriesBuilder(String name, String service, String endpoint, String metric, TreeMap<Long, Double> points) {

        SeriesBuilder(String name, String service, String endpoint, String metric) {
            this(name, service, endpoint, metric, new TreeMap<>());
        }

        void add(long epochMilli, double value) {
            points.put(epochMilli, value);
        }

        MetricSeries build() {
            long[] times = points.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            return new MetricSeries(name, service, endpoint, metric, times, values);
        }
    }
}
