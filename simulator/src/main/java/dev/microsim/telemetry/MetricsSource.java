package dev.microsim.telemetry;

import java.time.Instant;
import java.util.List;

/** Where a run's metrics.csv rows come from, once per interval: a mesh's live counters, or a collector's. */
public interface MetricsSource {
    /** Rows for the interval that started at {@code intervalStart}; reading resets the interval counters. */
    List<MetricRow> sample(Instant intervalStart, double intervalSeconds);

    /** Server-side requests answered over all services, up to the last sample. */
    long totalRequests();

    long totalErrors();
}
