package dev.microsim.detector.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.io.Timestamps;
import dev.microsim.detector.telemetry.Telemetry;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a {@link DetectionResult} to a directory (docs/detectors.md, "Output"):
 * <ul>
 *   <li>{@code scores.csv}: {@code timestamp,series,score}, each series' own score ({@code >= 1} alarm);</li>
 *   <li>{@code alarms.csv}: {@code timestamp,series,score} 0/1, the service's decision at each point
 *       of each of its series (what {@code microsim score --detections} scores);</li>
 *   <li>{@code services.csv}: {@code timestamp,service,score,alarm,top_series};</li>
 *   <li>{@code detection.json}: per series the class, detector, parameters, why, and every alarm run
 *       with its explanation; per service the episodes.</li>
 * </ul>
 * Each file is written to a temporary name and moved into place, so a crash leaves no half file.
 */
public final class DetectionWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CSVFormat PREDICTIONS = CSVFormat.DEFAULT.builder().setHeader("timestamp", "series", "score").build();

    /**
     * @param recorded the telemetry the result was made from: scores.csv and alarms.csv hold only its
     *                 series, the predictions format's rule (a scorer refuses a series the dataset does not
     *                 have); the series the pipeline derived from logs or traces ({@code <service>//log_lines})
     *                 count in their service's decision and are explained in detection.json
     */
    public void write(DetectionResult result, Telemetry recorded, Path dir) throws IOException {
        Set<String> recordedSeries = new HashSet<>();
        recorded.metrics().forEach(m -> recordedSeries.add(m.name()));
        DetectionResult predictions = new DetectionResult(
                result.series().stream().filter(v -> recordedSeries.contains(v.series())).toList(), result.services());
        Files.createDirectories(dir);
        atomically(dir.resolve("scores.csv"), file -> writeScores(predictions, file));
        atomically(dir.resolve("alarms.csv"), file -> writeAlarms(predictions, file));
        atomically(dir.resolve("services.csv"), file -> writeServices(result, file));
        atomically(dir.resolve("detection.json"), file -> JSON.writeValue(file.toFile(), json(result)));
    }

    private static void writeScores(DetectionResult result, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); CSVPrinter csv = new CSVPrinter(w, PREDICTIONS)) {
            for (SeriesVerdict v : result.series()) {
                for (int i = 0; i < v.scores().length; i++) {
                    csv.printRecord(Timestamps.format(v.epochMillis()[i]), v.series(), round(v.scores()[i]));
                }
            }
        }
    }

    private static void writeAlarms(DetectionResult result, Path file) throws IOException {
        Map<String, ServiceScore> services = result.servicesByName();
        try (Writer w = Files.newBufferedWriter(file); CSVPrinter csv = new CSVPrinter(w, PREDICTIONS)) {
            for (SeriesVerdict v : result.series()) {
                ServiceScore service = services.get(v.service());
                for (int i = 0; i < v.scores().length; i++) {
                    csv.printRecord(Timestamps.format(v.epochMillis()[i]), v.series(), service.alarmAt(v.epochMillis()[i]) ? 1 : 0);
                }
            }
        }
    }

    private static void writeServices(DetectionResult result, Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader("timestamp", "service", "score", "alarm", "top_series").build();
        try (Writer w = Files.newBufferedWriter(file); CSVPrinter csv = new CSVPrinter(w, format)) {
            for (ServiceScore s : result.services()) {
                for (int i = 0; i < s.scores().length; i++) {
                    csv.printRecord(Timestamps.format(s.epochMillis()[i]), s.service(), round(s.scores()[i]), s.alarms()[i] ? 1 : 0,
                            s.topSeries()[i]);
                }
            }
        }
    }

    static ObjectNode json(DetectionResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 1);
        ArrayNode series = root.putArray("series");
        for (SeriesVerdict v : result.series()) {
            ObjectNode n = series.addObject();
            n.put("series", v.series());
            n.put("service", v.service());
            n.put("class", v.seriesClass());
            n.put("detector", v.detector());
            n.put("description", v.description());
            ObjectNode params = n.putObject("parameters");
            v.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> params.put(e.getKey(), e.getValue()));
            n.put("why", v.why());
            ArrayNode alarms = n.putArray("alarms");
            for (SeriesAlarm a : v.alarms()) {
                ObjectNode an = alarms.addObject();
                an.put("start", Timestamps.format(a.startMillis()));
                an.put("end", Timestamps.format(a.endMillis()));
                an.put("peakScore", round(a.peakScore()));
                an.put("reason", a.onset().reason());
            }
        }
        ArrayNode services = root.putArray("services");
        for (ServiceScore s : result.services()) {
            ObjectNode n = services.addObject();
            n.put("service", s.service());
            ArrayNode episodes = n.putArray("episodes");
            for (ServiceEpisode e : s.episodes()) {
                ObjectNode en = episodes.addObject();
                en.put("onset", Timestamps.format(e.onsetMillis()));
                en.put("end", Timestamps.format(e.endMillis()));
                en.put("peakScore", round(e.peakScore()));
                en.put("responsibleSeries", e.responsibleSeries());
                ArrayNode involved = en.putArray("seriesInvolved");
                e.seriesInvolved().forEach(involved::add);
            }
        }
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private interface FileBody {
        void write(Path file) throws IOException;
    }

    private static void atomically(Path target, FileBody body) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            body.write(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
