package dev.microsim.detector.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputFiles;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import dev.microsim.detector.telemetry.DatasetIntegrity;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import dev.microsim.detector.telemetry.TelemetryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a MicroSim dataset directory, format v1 (docs/dataset-format.md), for scoring: the
 * label-free telemetry ({@link TelemetryReader}) joined with {@code labels.json}. A series is
 * anomalous during every fault that lists its service in {@code affected} ({@code rootCauses}
 * when {@code affected} is empty).
 */
public final class MicroSimDatasetReader {

    public static final int FORMAT_VERSION = TelemetryReader.FORMAT_VERSION;
    static final String LABELS = "labels.json";

    private final boolean allowPartial;
    private final boolean verify;

    /** @param verify hash every file against the manifest, not only the small ones ({@code --verify}) */
    public MicroSimDatasetReader(boolean allowPartial, boolean verify) {
        this.allowPartial = allowPartial;
        this.verify = verify;
    }

    public MicroSimDatasetReader(boolean allowPartial) {
        this(allowPartial, false);
    }

    public MicroSimDatasetReader() {
        this(false);
    }

    public Dataset read(Path dir) throws InputException {
        TelemetryReader telemetryReader = new TelemetryReader(allowPartial, verify);
        Telemetry telemetry = telemetryReader.read(dir);
        Optional<JsonNode> manifest = telemetryReader.manifest(dir);
        if (manifest.isPresent()) {
            DatasetIntegrity.check(dir, manifest.get(), List.of(LABELS), verify);
        }
        List<Fault> faults = readLabels(dir.resolve(LABELS));
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
        JsonNode faults = InputFiles.readJson(file).path("faults");
        ProblemCollector problems = new ProblemCollector();
        List<Fault> result = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            JsonNode fault = faults.get(i);
            String path = "faults[" + i + "]";
            // A fault with no actual start never acted (recovered by hand before its start, or planned after
            // the run ended): nothing in the telemetry can show it, so it is neither scored nor exported.
            if (!fault.path("actual").path("start").isTextual()) {
                continue;
            }
            JsonNode times = fault.path("actual");
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

}
