package dev.microsim.detector.logs;

import dev.microsim.detector.telemetry.LogLine;
import dev.microsim.detector.telemetry.MetricSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns log lines into per-service, per-interval template counts. Each service's messages are
 * parsed as one batch (a template belongs to the service that logs it); every interval of the
 * grid gets a value, zero when the template was not logged, so a silence is visible. Lines
 * outside the grid are not counted.
 */
public final class LogTemplateCounter {

    private final LogParser parser;

    public LogTemplateCounter(LogParser parser) {
        this.parser = parser;
    }

    public LogParser parser() {
        return parser;
    }

    /** Intervals {@code [origin + i step, origin + (i+1) step)} for {@code i < bins}. */
    public List<LogTemplateSeries> count(List<LogLine> lines, long originMillis, long stepMillis, int bins) {
        if (stepMillis <= 0 || bins < 0) {
            throw new IllegalArgumentException("step must be positive and bins non-negative, were " + stepMillis + " ms and " + bins);
        }
        Map<String, List<LogLine>> byService = new TreeMap<>();
        for (LogLine line : lines) {
            byService.computeIfAbsent(line.service(), s -> new ArrayList<>()).add(line);
        }
        long[] instants = new long[bins];
        for (int i = 0; i < bins; i++) {
            instants[i] = originMillis + i * stepMillis;
        }
        List<LogTemplateSeries> result = new ArrayList<>();
        byService.forEach((service, serviceLines) -> {
            List<String> templates = parser.parse(serviceLines.stream().map(LogLine::message).toList());
            Map<String, double[]> counts = new LinkedHashMap<>();
            Map<String, Map<String, Integer>> levels = new HashMap<>();
            for (int i = 0; i < serviceLines.size(); i++) {
                LogLine line = serviceLines.get(i);
                String template = templates.get(i);
                double[] perBin = counts.computeIfAbsent(template, t -> new double[bins]);
                levels.computeIfAbsent(template, t -> new HashMap<>()).merge(line.level(), 1, Integer::sum);
                long offset = line.epochMillis() - originMillis;
                if (offset >= 0 && offset / stepMillis < bins) {
                    perBin[(int) (offset / stepMillis)]++;
                }
            }
            int n = 0;
            for (Map.Entry<String, double[]> entry : counts.entrySet()) {
                String metric = "log_template_" + n++;
                String level = levels.get(entry.getKey()).entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .orElseThrow().getKey();
                MetricSeries series = new MetricSeries(service + "//" + metric, service, "", metric, instants.clone(), entry.getValue());
                result.add(new LogTemplateSeries(service, entry.getKey(), level, series));
            }
        });
        return result;
    }
}
