package dev.microsim.detector.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputFiles;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the label-free part of a MicroSim dataset directory, format v1 (docs/dataset-format.md):
 * {@code manifest.json}, {@code metrics.csv}, and where {@code traces.jsonl} and {@code logs.jsonl}
 * are. It never opens {@code labels.json}. Refuses an incomplete run (no manifest, or
 * {@code complete: false}) unless asked to read a partial one, and files that do not match the
 * manifest's sizes and checksums ({@link DatasetIntegrity}). A partial dataset is read up to
 * where the run stopped: a last metrics row cut by a kill is left out.
 */
public final class TelemetryReader {

    public static final int FORMAT_VERSION = 1;
    /** The label-free files a manifest lists; labels.json is the scorer's to check. */
    public static final List<String> TELEMETRY_FILES = List.of("scenario.yaml", "metrics.csv", "traces.jsonl", "logs.jsonl", "load.csv");
    private static final List<String> METRICS_HEADER = List.of("time", "service", "endpoint", "metric", "value");

    private final boolean allowPartial;
    private final boolean verify;

    /** @param verify hash every file against the manifest, not only the small ones */
    public TelemetryReader(boolean allowPartial, boolean verify) {
        this.allowPartial = allowPartial;
        this.verify = verify;
    }

    public TelemetryReader(boolean allowPartial) {
        this(allowPartial, false);
    }

    public TelemetryReader() {
        this(false);
    }

    public Telemetry read(Path dir) throws InputException {
        Optional<JsonNode> manifest = readManifest(dir);
        if (manifest.isPresent()) {
            DatasetIntegrity.check(dir, manifest.get(), TELEMETRY_FILES, verify);
        }
        List<MetricSeries> metrics = readMetrics(dir.resolve("metrics.csv"), allowPartial);
        return new Telemetry(dir.toString(), metrics, present(dir.resolve("traces.jsonl")), present(dir.resolve("logs.jsonl")));
    }

    /** The manifest after its checks, for readers that check more files (the scorer: labels.json). */
    public Optional<JsonNode> manifest(Path dir) throws InputException {
        return readManifest(dir);
    }

    public boolean verifies() {
        return verify;
    }

    private static Optional<Path> present(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Empty only for a partial read of a directory whose run died before it wrote a manifest. */
    private Optional<JsonNode> readManifest(Path dir) throws InputException {
        if (!Files.isDirectory(dir)) {
            throw new InputException(InputProblem.ofFile(dir, Files.exists(dir)
                    ? "is a file, expected a dataset directory (the --out DIR of microsim run)" : "not found: no such dataset directory"));
        }
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            if (allowPartial) {
                return Optional.empty();
            }
            throw new InputException(InputProblem.ofFile(manifest,
                    "not found: the run died before it could write one, so the dataset is incomplete"
                            + " (pass --allow-partial to read what it recorded)"));
        }
        JsonNode tree = InputFiles.readJson(manifest);
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
        return Optional.of(tree);
    }

    private static List<MetricSeries> readMetrics(Path file, boolean partial) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, "not found"));
        }
        ProblemCollector problems = new ProblemCollector();
        Map<String, SeriesBuilder> series = new LinkedHashMap<>();
        InstantCache times = new InstantCache();
        // A kill can cut the last row mid-write: in a partial read that row alone is dropped.
        InputProblem lastRowProblem = null;
        try (Reader reader = InputFiles.reader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderNames().equals(METRICS_HEADER)) {
                throw new InputException(InputProblem.at(file, 1, null, String.join(",", csv.getHeaderNames()),
                        "header must be " + String.join(",", METRICS_HEADER)));
            }
            for (CSVRecord record : csv) {
                if (lastRowProblem != null) {
                    problems.add(lastRowProblem);
                    lastRowProblem = null;
                }
                lastRowProblem = row(file, record, series, times);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read as CSV: " + InputFiles.describe(e)));
        }
        if (lastRowProblem != null && !(partial && endsCut(file))) {
            problems.add(lastRowProblem);
        }
        problems.throwIfAny();
        List<MetricSeries> result = new ArrayList<>();
        series.values().forEach(b -> result.add(b.build()));
        return result;
    }

    /** Adds one row to its series; the problem with it, if any. */
    private static InputProblem row(Path file, CSVRecord record, Map<String, SeriesBuilder> series, InstantCache times) {
        long line = record.getRecordNumber() + 1;
        if (record.size() != METRICS_HEADER.size()) {
            return InputProblem.at(file, line, null, record.toList().toString(), "must have 5 fields");
        }
        // By index in METRICS_HEADER's order (time, service, endpoint, metric, value): the header was checked.
        String service = record.get(1);
        String endpoint = record.get(2);
        String metric = record.get(3);
        String name = service + "/" + endpoint + "/" + metric;
        try {
            long time = times.epochMilli(record.get(0));
            double value = Double.parseDouble(record.get(4));
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            series.computeIfAbsent(name, n -> new SeriesBuilder(n, service, endpoint, metric)).add(time, value);
            return null;
        } catch (DateTimeParseException e) {
            return InputProblem.at(file, line, "time", record.get(0), "is not an ISO-8601 instant");
        } catch (NumberFormatException e) {
            return InputProblem.at(file, line, "value", record.get(4), "is not a finite number");
        }
    }

    /** Every series of an interval shares its time stamp, and rows come interval by interval: parse each once. */
    private static final class InstantCache {
        private String last;
        private long lastMillis;

        long epochMilli(String text) {
            if (!text.equals(last)) {
                lastMillis = Instant.parse(text).toEpochMilli();
                last = text;
            }
            return lastMillis;
        }
    }

    private static boolean endsCut(Path file) throws InputException {
        try {
            return InputFiles.endsCut(file);
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read: " + InputFiles.describe(e)));
        }
    }

    /**
     * Points in primitive arrays as they come (a recorder writes them in time order); rows may come in any order,
     * so build() sorts when they did not, and a time given twice keeps its last value, as a map would.
     */
    private static final class SeriesBuilder {
        private final String name;
        private final String service;
        private final String endpoint;
        private final String metric;
        private long[] times = new long[64];
        private double[] values = new double[64];
        private int size;
        private boolean ordered = true;

        SeriesBuilder(String name, String service, String endpoint, String metric) {
            this.name = name;
            this.service = service;
            this.endpoint = endpoint;
            this.metric = metric;
        }

        void add(long epochMilli, double value) {
            if (size > 0 && epochMilli <= times[size - 1]) ordered = false;
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = epochMilli;
            values[size] = value;
            size++;
        }

        MetricSeries build() {
            return ordered ? new MetricSeries(name, service, endpoint, metric, Arrays.copyOf(times, size), Arrays.copyOf(values, size))
                    : sortedKeepingLast();
        }

        private MetricSeries sortedKeepingLast() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingLong((Integer i) -> times[i])); // stable: equal times keep row order
            long[] t = new long[size];
            double[] v = new double[size];
            int n = 0;
            for (Integer i : order) {
                if (n > 0 && t[n - 1] == times[i]) {
                    v[n - 1] = values[i]; // the later row wins
                } else {
                    t[n] = times[i];
                    v[n] = values[i];
                    n++;
                }
            }
            return new MetricSeries(name, service, endpoint, metric, Arrays.copyOf(t, n), Arrays.copyOf(v, n));
        }
    }
}
