package dev.microsim.detector.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.Series;
import dev.microsim.detector.dataset.TimeWindow;
import dev.microsim.detector.io.Timestamps;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a dataset's series in the formats other tools read. */
public final class DatasetExporter {

    private static final DateTimeFormatter NAB_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAB_WINDOW_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** What {@link #export} writes into its directory for {@code format}: the names an earlier export would have left. */
    public static List<String> filesWritten(ExportFormat format) {
        return switch (format) {
            case CSV -> List.of("series.csv");
            case NAB -> List.of("data", "labels");
            case RCAEVAL -> List.of("data.csv", "inject_time.txt", "faults.json");
        };
    }

    public void export(Dataset dataset, ExportFormat format, Path out) throws IOException {
        Files.createDirectories(out);
        switch (format) {
            case CSV -> writeLongCsv(dataset.telemetry(), out.resolve("series.csv"));
            case NAB -> writeNab(dataset, out);
            case RCAEVAL -> writeRcaEval(dataset, out);
        }
    }

    /** The label-free long CSV an external detector is given: {@code timestamp,series,value}. */
    public void writeLongCsv(Telemetry telemetry, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("timestamp", "series", "value").build())) {
            for (MetricSeries series : telemetry.metrics()) {
                for (int i = 0; i < series.size(); i++) {
                    csv.printRecord(Timestamps.format(series.epochMillis()[i]), series.name(), series.values()[i]);
                }
            }
        }
    }

    /** A series name as a file name: {@code cart/GET /cart/latency_p99_ms} becomes {@code cart_GET-_cart_latency_p99_ms}. */
    static String fileName(String series) {
        return series.replace('/', '_').replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    private void writeNab(Dataset dataset, Path out) throws IOException {
        Path data = Files.createDirectories(out.resolve("data").resolve("microsim"));
        Map<String, List<List<String>>> windows = new LinkedHashMap<>();
        for (Series series : dataset.series()) {
            String name = fileName(series.name()) + ".csv";
            try (Writer writer = Files.newBufferedWriter(data.resolve(name));
                 CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("timestamp", "value").build())) {
                for (int i = 0; i < series.size(); i++) {
                    csv.printRecord(NAB_TIME.format(Instant.ofEpochMilli(series.epochMillis()[i])), series.values()[i]);
                }
            }
            List<List<String>> limits = new ArrayList<>();
            for (TimeWindow window : series.anomalyWindows()) {
                Instant lastPoint = Instant.ofEpochMilli(series.epochMillis()[series.size() - 1]);
                Instant end = window.end().isAfter(lastPoint) ? lastPoint : window.end();
                limits.add(List.of(NAB_WINDOW_TIME.format(window.start()), NAB_WINDOW_TIME.format(end)));
            }
            windows.put("microsim/" + name, limits);
        }
        Path labels = Files.createDirectories(out.resolve("labels"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(labels.resolve("combined_windows.json").toFile(), windows);
    }

    private static String endpointPart(String endpoint) {
        String cleaned = endpoint.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return cleaned.isEmpty() ? "" : cleaned + "_";
    }

    private void writeRcaEval(Dataset dataset, Path out) throws IOException {
        TreeMap<Long, Map<String, Double>> rows = new TreeMap<>();
        List<String> columns = new ArrayList<>();
        for (Series series : dataset.series()) {
            // service/endpoint/metric, where the endpoint itself may contain slashes ("GET /cart")
            String name = series.name();
            int first = name.indexOf('/');
            int last = name.lastIndexOf('/');
            String column = first > 0 && last > first
                    ? name.substring(0, first) + "_" + endpointPart(name.substring(first + 1, last)) + name.substring(last + 1)
                    : fileName(name);
            columns.add(column);
            for (int i = 0; i < series.size(); i++) {
                rows.computeIfAbsent(series.epochMillis()[i], t -> new LinkedHashMap<>()).put(column, series.values()[i]);
            }
        }
        List<String> header = new ArrayList<>();
        header.add("time");
        header.addAll(columns);
        try (Writer writer = Files.newBufferedWriter(out.resolve("data.csv"));
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (Map.Entry<Long, Map<String, Double>> row : rows.entrySet()) {
                List<Object> record = new ArrayList<>();
                record.add(java.math.BigDecimal.valueOf(row.getKey()).movePointLeft(3).stripTrailingZeros().toPlainString());
                for (String column : columns) {
                    Double value = row.getValue().get(column);
                    record.add(value == null ? "" : value);
                }
                csv.printRecord(record);
            }
        }
        Instant injection = dataset.faults().stream().map(f -> f.window().start()).min(Instant::compareTo).orElse(null);
        if (injection != null) {
            Files.writeString(out.resolve("inject_time.txt"), Long.toString(injection.getEpochSecond()) + "\n");
        }
        Map<String, Object> faults = new LinkedHashMap<>();
        for (Fault fault : dataset.faults()) {
            faults.put(fault.id(), Map.of("kind", fault.kind(), "rootCauses", fault.rootCauses(),
                    "start", fault.window().start().toString()));
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("faults.json").toFile(), faults);
    }
}
