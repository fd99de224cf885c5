package dev.microsim.detector.logs;

import dev.microsim.detector.telemetry.MetricSeries;
import java.util.Objects;

/**
 * How often one service logged one template, per interval: a count series a detector or ranker
 * can treat like any metric ({@code counts.metric()} is {@code log_template_<n>}), with the
 * template text and the level most of its lines had, for explanations.
 */
public record LogTemplateSeries(String service, String template, String level, MetricSeries counts) {

    public LogTemplateSeries {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(counts, "counts");
    }
}
