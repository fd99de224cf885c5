package dev.microsim.detector.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import dev.microsim.detector.telemetry.TelemetryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a MicroSim dataset directory, format v1 (docs/dataset-format.md), for scoring: the
 * label-free telemetry ({@link TelemetryReader}) joined with {@code labels.json}. A series is
 * anomalous during every fault that lists its service in {@code affected} ({@code rootCauses}
 * when {@code affected} is empty).
 */
public final class MicroSimDatasetReader {

    public static final int FORMAT_VERSION = TelemetryReader.FORMAT_VERSION;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean allowPartial;

    public MicroSimDatasetReader(boolean allowPartial) {
        this.allowPartial = allowPartial;
    }

    public MicroSimDatasetReader() {
        this(false);
    }

    public Dataset read(Path dir) throws InputException {
        Telemetry telemetry = new TelemetryReader(allowPartial).read(dir);
        List<Fault> faults = readLabels(dir.resolve("labels.json"));
        List<Series> series = new ArrayList<>();
        for (MetricSeries metric : telemetry.metrics()) {
            series.add(Series.labelled(metric, windowsFor(metric.service(), faults)));
        }
        return new Dataset(dir.toString(), telemetry, series, faults);
    }

    private static List<TimeWindow> windowsFor(String service, List<Fault> faults) {
        List<TimeWindow> windows = new ArrayList<>();
        for (Fault fault : faults) {
            List<String> hit = fault.affected().isEmpty() ? fault.rootCauses() : fault.affected();
            if (hit.contains(service)) {
                windows.add(fault.window());
            }
        }
        return windows;
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

    private static JsonNode readJson(Path file) throws InputException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "is not valid JSON: " + e.getMessage()));
        }
    }
}
