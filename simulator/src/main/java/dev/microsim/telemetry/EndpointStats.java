package dev.microsim.telemetry;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-endpoint counters of one service (all replicas), read and reset once per interval. Recording
 * is lock-free (LongAdder, HdrHistogram's Recorder) because it happens on the event loops.
 */
public final class EndpointStats {
    private static final long MAX_MICROS = 3_600_000_000L;

    private final String endpoint;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final Recorder latency = new Recorder(MAX_MICROS, 2);
    private Histogram spare;
    /** Live OTel export of the same events; null (one branch) when OTel metrics are off. */
    private volatile EndpointInstruments otel;

    public EndpointStats(String endpoint) {
        this.endpoint = endpoint;
    }

    public void exportTo(EndpointInstruments instruments) {
        this.otel = instruments;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A completed request (rejections included: they are answered). */
    public void completed(long latencyNanos, int status) {
        requests.increment();
        if (status >= 500) errors.increment();
        latency.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1_000)));
        EndpointInstruments o = otel;
        if (o != null) o.completed(latencyNanos, status);
    }

    public void rejected() {
        rejections.increment();
        EndpointInstruments o = otel;
        if (o != null) o.rejected();
    }

    public long totalRequests() {
        return requests.sum();
    }

    /** The interval's values; resets counters. Latency rows are absent when nothing completed. */
    public synchronized Snapshot drain() {
        spare = latency.getIntervalHistogram(spare);
        long n = requests.sumThenReset();
        long e = errors.sumThenReset();
        long r = rejections.sumThenReset();
        Histogram h = spare;
        if (h.getTotalCount() == 0) return new Snapshot(n, e, r, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new Snapshot(n, e, r, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMean() / 1000.0);
    }

    public record Snapshot(long requests, long errors, long rejections, long samples, double p50Ms, double p95Ms, double p99Ms,
                           double meanMs) {}
}
