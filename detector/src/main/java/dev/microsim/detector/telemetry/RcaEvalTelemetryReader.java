package dev.microsim.detector.telemetry;

import dev.microsim.detector.io.InputFiles;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an RCAEval-style wide CSV as telemetry: a {@code time} column in epoch seconds and one
 * {@code <service>_<metric>} column per series (the service is the text before the first
 * underscore). Metrics only: such files carry no traces or logs.
 */
public final class RcaEvalTelemetryReader {

    public Telemetry read(Path file) throws InputException {
        ProblemCollector problems = new ProblemCollector();
        List<String> columns;
        List<Long> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try (Reader reader = InputFiles.reader(file);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            columns = csv.getHeaderNames();
            if (!columns.contains("time")) {
                throw new InputException(InputProblem.at(file, 1, null, String.join(",", columns), "header has no \"time\" column"));
            }
            for (String column : columns) {
                if (!column.equals("time") && column.indexOf('_') <= 0) {
                    problems.add(InputProblem.at(file, 1, column, column, "is not named <service>_<metric>"));
                }
            }
            for (CSVRecord record : csv) {
                long line = record.getRecordNumber() + 1;
                double[] values = new double[columns.size()];
                boolean ok = true;
                for (int c = 0; c < columns.size(); c++) {
                    String text = c < record.size() ? record.get(c) : "";
                    try {
                        values[c] = Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        problems.add(InputProblem.at(file, line, columns.get(c), text, "is not a number"));
                        ok = false;
                    }
                }
                if (ok) {
                    times.add(Math.round(values[columns.indexOf("time")] * 1000));
                    rows.add(values);
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read as CSV: " + InputFiles.describe(e)));
        }
        if (rows.isEmpty()) {
            problems.add(InputProblem.ofFile(file, "has no data rows"));
        }
        problems.throwIfAny();
        long[] epochMillis = times.stream().mapToLong(Long::longValue).toArray();
        List<MetricSeries> series = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            if (column.equals("time")) {
                continue;
            }
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r)[c];
            }
            int cut = column.indexOf('_');
            try {
                series.add(new MetricSeries(column, column.substring(0, cut), "", column.substring(cut + 1), epochMillis, values));
            } catch (IllegalArgumentException e) {
                throw new InputException(InputProblem.at(file, 0, "time", null, e.getMessage()));
            }
        }
        return Telemetry.metricsOnly(file.toString(), series);
    }
}
