package dev.microsim.report;

import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import dev.microsim.detector.io.Timestamps;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The built-in detector's per-service anomaly score over time, from the {@code services.csv} that
 * {@code microsim detect --results DIR} writes ({@code timestamp,service,score,alarm,top_series}).
 */
record ServiceScores(Map<String, TreeMap<Long, Double>> byService) {

    static final List<String> HEADER = List.of("timestamp", "service", "score", "alarm", "top_series");

    static ServiceScores read(Path file) throws InputException {
        ProblemCollector problems = new ProblemCollector();
        Map<String, TreeMap<Long, Double>> byService = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderNames().equals(HEADER)) {
                throw new InputException(InputProblem.at(file, 1, null, String.join(",", csv.getHeaderNames()),
                        "header must be " + String.join(",", HEADER)));
            }
            for (CSVRecord r : csv) {
                long line = r.getRecordNumber() + 1;
                try {
                    double score = Double.parseDouble(r.get("score"));
                    if (!Double.isFinite(score)) {
                        throw new NumberFormatException();
                    }
                    byService.computeIfAbsent(r.get("service"), s -> new TreeMap<>()).put(Timestamps.parse(r.get("timestamp")).toEpochMilli(), score);
                } catch (DateTimeParseException e) {
                    problems.add(InputProblem.at(file, line, "timestamp", r.get("timestamp"), "is not a timestamp"));
                } catch (NumberFormatException e) {
                    problems.add(InputProblem.at(file, line, "score", r.get("score"), "is not a finite number"));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read as CSV: " + e.getMessage()));
        }
        problems.throwIfAny();
        return new ServiceScores(byService);
    }
}
