package dev.microsim.detector.dataset;

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
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a MicroSim dataset directory, format v1 (docs/dataset-format.md): {@code manifest.json},
 * {@code metrics.csv} and {@code labels.json}. Refuses an incomplete run (no manifest, or
 * {@code complete: false}) unless asked to read a partial one.
 */
public final class MicroSimDatasetReader {

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS_HEADER = List.of("time", "service", "endpoint", "metric", "value");

    private final boolean allowPartial;

    public MicroSimDatasetReader(boolean allowPartial) {
        this.allowPartial = allowPartial;
    }

    public MicroSimDatasetReader() {
        this(false);
    }

    public Dataset read(Path dir) throws InputException {
        checkManifest(dir);
        List<Fault> faults = readLabels(dir.resolve("labels.json"));
        Map<String, SeriesBuilder> series = readMetrics(dir.resolve("metrics.csv"));
        List<Series> result = new ArrayList<>();
        for (SeriesBuilder builder : series.values()) {
            result.add(builder.build(faults));
        }
        return new Dataset(dir.toString(), result, faults);
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

    private static List<Fault> readLabels(Path file) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, "not found: a dataset needs its ground truth to be scored"));
        }
        JsonNode faults = readJson(file).path("faults");
        ProblemCollector problems = new ProblemCollector();
        List<Fault> result = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            JsonNode fault = faults.get(i);
            String path = "faults[" + i + "]";
            JsonNode times = fault.path("actual").path("start").isTextual() ? fault.path("actual") : fault.path("planned");
            try {
                Instant start = Instant.parse(times.path("start").asText());
                // A fault still applied when the run died has no actual end: it lasted until the data ends.
                Instant end = times.path("end").isTextual() ? Instant.parse(times.path("end").asText()) : Instant.ofEpochMilli(Long.MAX_VALUE);
                result.add(new Fault(fault.path("id").asText(path), fault.path("kind").asText("unknown"),
                        new TimeWindow(start, end), strings(fault.path("rootCauses")), strings(fault.path("affected"))));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                problems.add(InputProblem.at(file, 0, path + ".actual", times.toString(), "has no valid start/end: " + e.getMessage()));
            }
        }
        problems.throwIfAny();
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static Map<String, SeriesBuilder> readMetrics(Path file) throws InputException {
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
                String name = record.get("service") + "/" + record.get("endpoint") + "/" + record.get("metric");
                try {
                    Instant time = Instant.parse(record.get("time"));
                    double value = Double.parseDouble(record.get("value"));
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException();
                    }
                    series.computeIfAbsent(name, n -> new SeriesBuilder(n, record.get("service")))
                            .add(time.toEpochMilli(), value);
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
        return series;
    }

    private static JsonNode readJson(Path file) throws InputException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "is not valid JSON: " + e.getMessage()));
        }
    }

    /** Rows may come in any order; a TreeMap sorts them by instant. */
    private static final class SeriesBuilder {
        private final String name;
        private final String service;
        private final TreeMap<Long, Double> points = new TreeMap<>();

        SeriesBuilder(String name, String service) {
            this.name = name;
            this.service = service;
        }

        void add(long epochMilli, double value) {
            points.put(epochMilli, value);
        }

        Series build(List<Fault> faults) {
            long[] times = points.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            List<TimeWindow> windows = new ArrayList<>();
            for (Fault fault : faults) {
                List<String> hit = fault.affected().isEmpty() ? fault.rootCauses() : fault.affected();
                if (hit.contains(service)) {
                    windows.add(fault.window());
                }
            }
            return new Series(name, service, times, values, windows);
        }
    }
}
