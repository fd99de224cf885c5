package dev.microsim.detector.io;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Series;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads third-party predictions: CSV with header {@code timestamp,series,score}; score is any finite
 * number (higher = more anomalous) or 0/1. Every row is checked against the dataset and all
 * problems are reported together, each with file, line, column and value.
 */
public final class PredictionsReader {

    public static final List<String> HEADER = List.of("timestamp", "series", "score");

    public Predictions read(Path file, Dataset dataset) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, "not found"));
        }
        Map<String, Series> known = dataset.seriesByName();
        Map<String, double[]> scores = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        ProblemCollector problems = new ProblemCollector();
        try (Reader reader = InputFiles.reader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(true).build().parse(reader)) {
            List<String> header = csv.getHeaderNames();
            if (header.isEmpty()) {
                throw new InputException(InputProblem.ofFile(file, "is empty: expected the header " + String.join(",", HEADER)));
            }
            if (!header.equals(HEADER)) {
                throw new InputException(InputProblem.at(file, 1, null, String.join(",", header),
                        "wrong columns: the header must be " + String.join(",", HEADER)));
            }
            boolean anyRow = false;
            for (CSVRecord record : csv) {
                anyRow = true;
                long line = record.getParser().getCurrentLineNumber();
                if (record.size() != HEADER.size()) {
                    problems.add(InputProblem.at(file, line, null, String.join(",", record.toList()),
                            "has " + record.size() + " fields, expected " + HEADER.size()));
                    continue;
                }
                readRow(file, line, record, known, scores, seen, problems);
            }
            if (!anyRow) {
                problems.add(InputProblem.ofFile(file, "has a header but no predictions"));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read as CSV: " + InputFiles.describe(e)));
        }
        problems.throwIfAny();
        return new Predictions(scores);
    }

    private static void readRow(Path file, long line, CSVRecord record, Map<String, Series> known,
                                Map<String, double[]> scores, Set<String> seen, ProblemCollector problems) {
        String seriesName = record.get("series");
        Series series = known.get(seriesName);
        if (series == null) {
            problems.add(InputProblem.at(file, line, "series", seriesName, "is not a series of the dataset"));
        }
        String timeText = record.get("timestamp");
        Instant time = null;
        try {
            time = Timestamps.parse(timeText);
        } catch (DateTimeParseException | ArithmeticException e) {
            problems.add(InputProblem.at(file, line, "timestamp", timeText,
                    "is not a timestamp (ISO-8601 instant, \"yyyy-MM-dd HH:mm:ss\" UTC or epoch seconds)"));
        }
        String scoreText = record.get("score");
        double score = Double.NaN;
        try {
            double parsed = Double.parseDouble(scoreText);
            if (Double.isNaN(parsed)) {
                problems.add(InputProblem.at(file, line, "score", scoreText, "is NaN: give a number (0 for \"not anomalous\")"));
            } else if (Double.isInfinite(parsed)) {
                problems.add(InputProblem.at(file, line, "score", scoreText, "must be finite"));
            } else {
                score = parsed;
            }
        } catch (NumberFormatException e) {
            problems.add(InputProblem.at(file, line, "score", scoreText, "is not a number"));
        }
        if (series == null || time == null || Double.isNaN(score)) {
            return;
        }
        int index = series.indexOf(time.toEpochMilli());
        if (index < 0) {
            long first = series.epochMillis()[0];
            long last = series.epochMillis()[series.size() - 1];
            String where = time.toEpochMilli() < first || time.toEpochMilli() > last
                    ? "is outside the data of " + seriesName + " (" + Timestamps.format(first) + " to " + Timestamps.format(last) + ")"
                    : "is not the instant of any point of " + seriesName;
            problems.add(InputProblem.at(file, line, "timestamp", timeText, where));
            return;
        }
        if (!seen.add(seriesName + '\u0000' + index)) {
            problems.add(InputProblem.at(file, line, "timestamp", timeText, "is predicted twice for " + seriesName));
            return;
        }
        scores.computeIfAbsent(seriesName, n -> {
            double[] fresh = new double[series.size()];
            Arrays.fill(fresh, Double.NEGATIVE_INFINITY);
            return fresh;
        })[index] = score;
    }
}
