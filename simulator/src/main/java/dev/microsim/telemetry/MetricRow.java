package dev.microsim.telemetry;

import java.time.Instant;

/** One row of metrics.csv: {@code endpoint} is empty for service-level series. */
public record MetricRow(Instant time, String service, String endpoint, String metric, double value) {}
