package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.SeriesCheck;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import dev.microsim.detector.nab.NabDirectory;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Runs a detector over NAB's data files ({@code data/<category>/<file>.csv}, {@code timestamp,value})
 * and writes NAB-format results ({@code <results>/<detector>/<category>/<detector>_<file>.csv} with
 * {@code timestamp,value,anomaly_score}), which {@link NabDirectory#readResults} and NAB itself read.
 * The detector is given the values only, file by file: never a label, never a later point.
 */
public final class NabRun {

    private final String detectorName;
    private final Function<double[], double[]> detector;

    /** {@code detector} maps a file's values to one score per row, streaming. */
    public NabRun(String detectorName, Function<double[], double[]> detector) {
        this.detectorName = detectorName;
        this.detector = detector;
    }

    public void run(NabDirectory nab, Path results, Progress progress) throws InputException, IOException {
        List<String> files = nab.dataFiles();
        ProblemCollector problems = new ProblemCollector();
        progress.begin("nab", files.size());
        try {
            for (String relative : files) {
                Path data = nab.root().resolve("data").resolve(relative);
                NabData values = read(data, problems);
                progress.advance(1);
                if (values == null) {
                    continue;
                }
                try {
                    SeriesCheck.requireUsable(relative, values.values());
                } catch (SeriesCheck.BadSeriesException e) {
                    problems.add(InputProblem.ofFile(data, e.getMessage()));
                    continue;
                }
                write(resultFile(results, relative), values, detector.apply(values.values()));
            }
        } finally {
            progress.end();
        }
        problems.throwIfAny();
    }

    Path resultFile(Path results, String relative) {
        int slash = relative.lastIndexOf('/');
        return results.resolve(detectorName).resolve(relative.substring(0, slash + 1) + detectorName + "_" + relative.substring(slash + 1));
    }

    record NabData(List<String> timestamps, double[] values) {
    }

    static NabData read(Path file, ProblemCollector problems) throws InputException {
        if (!Files.isRegularFile(file)) {
            problems.add(InputProblem.ofFile(file, "not found: a NAB data file named in the labels"));
            return null;
        }
        List<String> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        boolean ok = true;
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!csv.getHeaderMap().containsKey("timestamp") || !csv.getHeaderMap().containsKey("value")) {
                problems.add(InputProblem.at(file, 1, null, String.join(",", csv.getHeaderNames()), "header must be timestamp,value"));
                return null;
            }
            for (CSVRecord record : csv) {
                String text = record.get("value");
                try {
                    double v = Double.parseDouble(text);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    values.add(v);
                    times.add(record.get("timestamp"));
                } catch (NumberFormatException e) {
                    problems.add(InputProblem.at(file, record.getRecordNumber() + 1, "value", text, "is not a finite number"));
                    ok = false;
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(InputProblem.ofFile(file, "cannot be read as CSV: " + e.getMessage()));
            return null;
        }
        return ok ? new NabData(times, values.stream().mapToDouble(Double::doubleValue).toArray()) : null;
    }

    private static void write(Path file, NabData data, double[] scores) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("timestamp", "value", "anomaly_score").build())) {
            for (int i = 0; i < scores.length; i++) {
                csv.printRecord(data.timestamps().get(i), data.values()[i], scores[i]);
            }
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
