package dev.microsim.detector.nab;

import dev.microsim.detector.io.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import dev.microsim.detector.metrics.IndexRange;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A NAB checkout (or a copy of its data): {@code labels/combined_windows.json}, optionally
 * {@code config/profiles.json} and {@code config/thresholds.json}, and detector results laid out
 * as {@code results/<detector>/<category>/<detector>_<file>.csv} with an {@code anomaly_score} column.
 */
public final class NabDirectory {

    private final Path root;
    private final Map<String, List<LocalDateTime[]>> windows;

    private NabDirectory(Path root, Map<String, List<LocalDateTime[]>> windows) {
        this.root = root;
        this.windows = windows;
    }

    public static NabDirectory open(Path root) throws InputException {
        Path labels = root.resolve("labels").resolve("combined_windows.json");
        if (!Files.isRegularFile(labels)) {
            throw new InputException(InputProblem.ofFile(labels, "not found: a NAB directory needs its label windows"));
        }
        JsonNode tree = readJson(labels);
        ProblemCollector problems = new ProblemCollector();
        Map<String, List<LocalDateTime[]>> windows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<LocalDateTime[]> limits = new ArrayList<>();
            for (JsonNode pair : entry.getValue()) {
                try {
                    limits.add(new LocalDateTime[] {
                            NabTimestamps.parse(pair.get(0).asText()), NabTimestamps.parse(pair.get(1).asText())});
                } catch (DateTimeParseException | NullPointerException e) {
                    problems.add(InputProblem.at(labels, 0, entry.getKey(), pair.toString(),
                            "is not a [start, end] pair of timestamps"));
                }
            }
            windows.put(entry.getKey(), limits);
        }
        problems.throwIfAny();
        return new NabDirectory(root, windows);
    }

    public Path root() {
        return root;
    }

    /** Data files named in the labels, e.g. {@code realKnownCause/nyc_taxi.csv}. */
    public List<String> dataFiles() {
        return List.copyOf(windows.keySet());
    }

    public int labelledWindows() {
        return windows.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Reads every data file named in the labels ({@code data/<category>/<file>.csv}, {@code timestamp,value}),
     * reporting every missing file, bad header and non-finite value at once.
     */
    public List<NabSeries> readSeries() throws InputException {
        ProblemCollector problems = new ProblemCollector();
        List<NabSeries> series = new ArrayList<>();
        for (Map.Entry<String, List<LocalDateTime[]>> entry : windows.entrySet()) {
            readSeriesFile(root.resolve("data").resolve(entry.getKey()), entry.getKey(), entry.getValue(), problems)
                    .ifPresent(series::add);
        }
        problems.throwIfAny();
        return series;
    }

    private static Optional<NabSeries> readSeriesFile(Path file, String name, List<LocalDateTime[]> limits,
                                                      ProblemCollector problems) throws InputException {
        if (!Files.isRegularFile(file)) {
            problems.add(InputProblem.ofFile(file, "not found: a NAB data file named in the labels"));
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        List<LocalDateTime> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        boolean ok = true;
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderMap().containsKey("timestamp") || !csv.getHeaderMap().containsKey("value")) {
                problems.add(InputProblem.at(file, 1, null, String.join(",", csv.getHeaderNames()), "header must be timestamp,value"));
                return Optional.empty();
            }
            for (CSVRecord record : csv) {
                long line = record.getRecordNumber() + 1;
                String time = record.get("timestamp");
                String text = record.get("value");
                try {
                    times.add(NabTimestamps.parse(time));
                    texts.add(time);
                } catch (DateTimeParseException e) {
                    problems.add(InputProblem.at(file, line, "timestamp", time, "is not a timestamp"));
                    ok = false;
                    continue;
                }
                try {
                    double v = Double.parseDouble(text);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    values.add(v);
                } catch (NumberFormatException e) {
                    problems.add(InputProblem.at(file, line, "value", text, "is not a finite number"));
                    ok = false;
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(InputProblem.ofFile(file, "cannot be read as CSV: " + e.getMessage()));
            return Optional.empty();
        }
        if (!ok) {
            return Optional.empty();
        }
        if (values.isEmpty()) {
            problems.add(InputProblem.ofFile(file, "has no rows: a detector needs at least one point"));
            return Optional.empty();
        }
        return Optional.of(new NabSeries(name, texts, values.stream().mapToDouble(Double::doubleValue).toArray(),
                toIndexRanges(times, limits)));
    }

    /** Reads one detector's per-file results from {@code resultsDir/<detector>/...}. */
    public NabCorpus readResults(Path resultsDir, String detector) throws InputException {
        Path detectorDir = resultsDir.resolve(detector);
        if (!Files.isDirectory(detectorDir)) {
            // One line, not one "not found" per data file: the detector's name is what is wrong.
            List<String> present = detectorsIn(resultsDir);
            throw new InputException(InputProblem.ofFile(detectorDir, "not found: no results for detector \"" + detector + "\""
                    + didYouMean(detector, present) + (present.isEmpty() ? " (" + resultsDir + " holds no detector directories)"
                    : "; detectors in " + resultsDir + ": " + String.join(", ", present))));
        }
        ProblemCollector problems = new ProblemCollector();
        List<NabFile> files = new ArrayList<>();
        for (Map.Entry<String, List<LocalDateTime[]>> entry : windows.entrySet()) {
            String relative = entry.getKey();
            int slash = relative.lastIndexOf('/');
            String category = relative.substring(0, slash + 1);
            Path file = resultsDir.resolve(detector).resolve(category + detector + "_" + relative.substring(slash + 1));
            if (!Files.isRegularFile(file)) {
                problems.add(InputProblem.ofFile(file, "not found: results for " + relative));
                continue;
            }
            readResultsFile(file, relative, entry.getValue(), problems).ifPresent(files::add);
        }
        problems.throwIfAny();
        return new NabCorpus(detector, files, labelledWindows());
    }

    private static Optional<NabFile> readResultsFile(Path file, String name, List<LocalDateTime[]> limits,
                                                     ProblemCollector problems) throws InputException {
        List<LocalDateTime> timestamps = new ArrayList<>();
        double[] scores = new double[1024];
        boolean ok = true;
        try (Reader reader = InputFiles.reader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderMap().containsKey("timestamp") || !csv.getHeaderMap().containsKey("anomaly_score")) {
                problems.add(InputProblem.at(file, 1, null, String.join(",", csv.getHeaderNames()),
                        "header must contain the columns timestamp and anomaly_score"));
                return Optional.empty();
            }
            for (CSVRecord record : csv) {
                long line = record.getRecordNumber() + 1;
                String time = record.get("timestamp");
                String score = record.get("anomaly_score");
                try {
                    timestamps.add(NabTimestamps.parse(time));
                } catch (DateTimeParseException e) {
                    problems.add(InputProblem.at(file, line, "timestamp", time, "is not a timestamp"));
                    ok = false;
                }
                int row = timestamps.size() - 1;
                if (row >= scores.length) {
                    scores = java.util.Arrays.copyOf(scores, scores.length * 2);
                }
                try {
                    double value = Double.parseDouble(score);
                    if (Double.isNaN(value)) {
                        throw new NumberFormatException("NaN");
                    }
                    if (row >= 0) {
                        scores[row] = value;
                    }
                } catch (NumberFormatException e) {
                    problems.add(InputProblem.at(file, line, "anomaly_score", score, "is not a number"));
                    ok = false;
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(InputProblem.ofFile(file, "cannot be read as CSV: " + InputFiles.describe(e)));
            return Optional.empty();
        }
        if (!ok) {
            return Optional.empty();
        }
        double[] exact = java.util.Arrays.copyOf(scores, timestamps.size());
        return Optional.of(new NabFile(name, exact, toIndexRanges(timestamps, limits)));
    }

    /**
     * A window covers the rows whose timestamps fall within its limits; NAB's own windows start and
     * end on rows, where this is the same as NAB's exact match.
     */
    static List<IndexRange> toIndexRanges(List<LocalDateTime> timestamps, List<LocalDateTime[]> limits) {
        List<IndexRange> ranges = new ArrayList<>();
        for (LocalDateTime[] limit : limits) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < timestamps.size(); i++) {
                LocalDateTime t = timestamps.get(i);
                if (!t.isBefore(limit[0]) && !t.isAfter(limit[1])) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0) {
                ranges.add(new IndexRange(first, last));
            }
        }
        return IndexRange.merge(ranges);
    }

    /** The detector directories under {@code resultsDir}, sorted. */
    static List<String> detectorsIn(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            return List.of();
        }
        try (var dirs = Files.list(resultsDir)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String didYouMean(String name, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? " (did you mean \"" + best + "\"?)" : "";
    }

    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int up = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = up;
            }
        }
        return row[b.length()];
    }

    /** Profiles from {@code config/profiles.json}, or NAB's three official ones if the file is absent. */
    public List<NabProfile> profiles() throws InputException {
        Path file = root.resolve("config").resolve("profiles.json");
        if (!Files.isRegularFile(file)) {
            return NabProfile.official();
        }
        JsonNode tree = readJson(file);
        List<NabProfile> profiles = new ArrayList<>();
        ProblemCollector problems = new ProblemCollector();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode matrix = entry.getValue().path("CostMatrix");
            try {
                profiles.add(new NabProfile(entry.getKey(), weight(matrix, "tpWeight"),
                        weight(matrix, "fpWeight"), weight(matrix, "fnWeight")));
            } catch (IllegalArgumentException e) {
                problems.add(InputProblem.at(file, 0, entry.getKey() + ".CostMatrix", matrix.toString(), e.getMessage()));
            }
        }
        problems.throwIfAny();
        return profiles;
    }

    private static double weight(JsonNode matrix, String name) {
        JsonNode node = matrix.get(name);
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return node.asDouble();
    }

    /** The official threshold of a detector for a profile from {@code config/thresholds.json}, if listed. */
    public Optional<Double> officialThreshold(String detector, String profile) throws InputException {
        Path file = root.resolve("config").resolve("thresholds.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = readJson(file).path(detector).path(profile).path("threshold");
        return node.isNumber() ? Optional.of(node.asDouble()) : Optional.empty();
    }

    private static JsonNode readJson(Path file) throws InputException {
        return InputFiles.readJson(file);
    }
}
