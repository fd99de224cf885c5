package dev.microsim.cluster;

import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.OtelExport;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A pod's telemetry over OTLP/HTTP (protobuf), shaped so that the recorder can rebuild the
 * dataset from it ({@link dev.microsim.recorder.otlp.OtlpMetrics}): every span (batched, none
 * sampled away), every log line, and the service's OTel metrics as delta counters and base-2
 * exponential histograms (up to {@value #MAX_BUCKETS} buckets, so percentiles come out within about
 * 0.3 %), flushed once per interval exactly at the interval grid's boundaries (multiples of the
 * interval since the epoch), which every pod and the recorder share.
 */
public final class PodExport implements AutoCloseable {
    static final int MAX_BUCKETS = 2048;
    private final URI base;
    private final Duration interval;
    private final Clock clock;
    private final List<PeriodicMetricReader> readers = new CopyOnWriteArrayList<>();
    private final Thread flusher;
    private volatile boolean closed;

    /** @param base the collector (or receiver) base URL, e.g. http://otel-collector:4318 */
    public PodExport(URI base, Duration interval, Clock clock) {
        this.base = base;
        this.interval = interval;
        this.clock = clock;
        this.flusher = new Thread(this::flushAtBoundaries, "microsim-otlp-flush");
        flusher.setDaemon(true);
    }

    /** {@code options} exporting spans, metrics and logs to the base URL; starts the boundary flushes. */
    public MeshOptions apply(MeshOptions options) {
        String traces = base.resolve("/v1/traces").toString();
        String metrics = base.resolve("/v1/metrics").toString();
        String logs = base.resolve("/v1/logs").toString();
        MeshOptions out = options.withSpanProcessors(List.of(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(traces).build())
                        .setMaxQueueSize(65_536).setMaxExportBatchSize(2048).setScheduleDelay(Duration.ofMillis(500)).build()))
                .withOtel(options.otel().and(new OtelExport(service -> List.of(reader(metrics)),
                        service -> List.of(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder().setEndpoint(logs).build())
                                .setMaxQueueSize(65_536).setScheduleDelay(Duration.ofMillis(500)).build()))));
        if (!flusher.isAlive()) flusher.start();
        return out;
    }

    private PeriodicMetricReader reader(String url) {
        PeriodicMetricReader r = metricReader(url);
        readers.add(r);
        return r;
    }

    /**
     * A metric reader exporting to {@code url} as the recorder reads it: delta counters, base-2
     * exponential histograms; collected only when flushed (its own schedule, daily, is a fallback).
     */
    public static PeriodicMetricReader metricReader(String url) {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(url)
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                .setDefaultAggregationSelector(DefaultAggregationSelector.getDefault()
                        .with(InstrumentType.HISTOGRAM, Aggregation.base2ExponentialBucketHistogram(MAX_BUCKETS, 20)))
                .setMemoryMode(MemoryMode.IMMUTABLE_DATA).build();
        // Its own schedule is a fallback only: the flusher collects at the grid's boundaries.
        return PeriodicMetricReader.builder(exporter).setInterval(Duration.ofDays(1)).build();
    }

    /** The next boundary after {@code epochNanos}: a multiple of the interval since the epoch. */
    static long nextBoundary(long epochNanos, long intervalNanos) {
        return (Math.floorDiv(epochNanos, intervalNanos) + 1) * intervalNanos;
    }

    private void flushAtBoundaries() {
        long step = interval.toNanos();
        while (!closed) {
            long now = epoch();
            long next = nextBoundary(now, step);
            try {
                TimeUnit.NANOSECONDS.sleep(next - now);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    /** Collects and exports every service's metrics now. */
    public void flush() {
        for (PeriodicMetricReader r : readers) r.forceFlush().join(5, TimeUnit.SECONDS);
    }

    private long epoch() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Stops the boundary flushes (the mesh's close flushes the last interval and shuts the exporters down). */
    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
    }
}
