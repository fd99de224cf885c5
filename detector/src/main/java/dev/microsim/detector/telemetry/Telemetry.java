package dev.microsim.detector.telemetry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a detector, log parser or ranker may see of a dataset: metric series, and where the traces
 * and logs are, if the source has them. Never the labels: a {@code Telemetry} is read without
 * opening {@code labels.json}, and logs are read through {@link LogLines}, which drops the
 * ground-truth {@code template} field.
 */
public record Telemetry(String source, List<MetricSeries> metrics, Optional<Path> traces, Optional<Path> logs) {

    public Telemetry {
        metrics = List.copyOf(metrics);
        traces = traces == null ? Optional.empty() : traces;
        logs = logs == null ? Optional.empty() : logs;
    }

    public static Telemetry metricsOnly(String source, List<MetricSeries> metrics) {
        return new Telemetry(source, metrics, Optional.empty(), Optional.empty());
    }

    public Map<String, MetricSeries> metricsByName() {
        Map<String, MetricSeries> byName = new LinkedHashMap<>();
        metrics.forEach(s -> byName.put(s.name(), s));
        return byName;
    }
}
