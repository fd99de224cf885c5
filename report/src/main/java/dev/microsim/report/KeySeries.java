package dev.microsim.report;

import java.util.Optional;

/**
 * The series a report plots per service, each made from one metric of metrics.csv summed or
 * maxed over the service's endpoints, grouped into three charts (traffic, latency, saturation).
 * Latency is the worst endpoint's percentile: a fault on one endpoint should not be averaged away.
 */
enum KeySeries {
    REQUESTS("requests/s", Chart.TRAFFIC, "requests", Combine.SUM, Unit.PER_SECOND, Reduce.MEAN),
    ERRORS("errors/s", Chart.TRAFFIC, "errors", Combine.SUM, Unit.PER_SECOND, Reduce.MAX),
    REJECTIONS("rejected/s", Chart.TRAFFIC, "rejections", Combine.SUM, Unit.PER_SECOND, Reduce.MAX),
    P50("p50 ms", Chart.LATENCY, "latency_p50_ms", Combine.MAX, Unit.AS_IS, Reduce.MAX),
    P95("p95 ms", Chart.LATENCY, "latency_p95_ms", Combine.MAX, Unit.AS_IS, Reduce.MAX),
    P99("p99 ms", Chart.LATENCY, "latency_p99_ms", Combine.MAX, Unit.AS_IS, Reduce.MAX),
    CPU("CPU cores", Chart.SATURATION, "cpu_ms", Combine.SUM, Unit.CORES, Reduce.MAX),
    QUEUE("queued", Chart.SATURATION, "queue_length", Combine.SUM, Unit.AS_IS, Reduce.MAX),
    INFLIGHT("in flight", Chart.SATURATION, "inflight", Combine.SUM, Unit.AS_IS, Reduce.MAX),
    MEMORY("memory MiB", Chart.SATURATION, "memory_bytes", Combine.SUM, Unit.MIB, Reduce.MAX),
    /** The built-in detector's per-service anomaly score (services.csv of microsim detect), not a metric of metrics.csv. */
    ANOMALY("anomaly score", Chart.DETECTOR, "", Combine.MAX, Unit.AS_IS, Reduce.MAX);

    /** One chart per group and service; the page draws them in this order (DETECTOR only when detector output is given). */
    enum Chart { TRAFFIC, LATENCY, SATURATION, DETECTOR }

    /** How the per-endpoint series of one service become one. */
    enum Combine { SUM, MAX }

    /** How points merge when a long run is downsampled: rates average, spikes must survive. */
    enum Reduce { MEAN, MAX }

    enum Unit { AS_IS, PER_SECOND, CORES, MIB }

    final String label;
    final Chart chart;
    final String metric;
    final Combine combine;
    final Unit unit;
    final Reduce reduce;

    KeySeries(String label, Chart chart, String metric, Combine combine, Unit unit, Reduce reduce) {
        this.label = label;
        this.chart = chart;
        this.metric = metric;
        this.combine = combine;
        this.unit = unit;
        this.reduce = reduce;
    }

    static Optional<KeySeries> ofMetric(String metric) {
        for (KeySeries key : values()) {
            if (!key.metric.isEmpty() && key.metric.equals(metric)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** A value of the dataset's metric in this series' unit; {@code stepMillis} is the sampling interval. */
    double convert(double value, long stepMillis) {
        return switch (unit) {
            case AS_IS -> value;
            case PER_SECOND -> value * 1000.0 / stepMillis;
            case CORES -> value / stepMillis;
            case MIB -> value / (1024.0 * 1024.0);
        };
    }
}
