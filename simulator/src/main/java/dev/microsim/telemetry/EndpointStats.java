package dev.microsim.telemetry;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-endpoint counters of one service (all replicas), read and reset once per interval. The live
 * engine records from many event loops at once ({@link #concurrent}: lock-free LongAdders and an
 * HdrHistogram {@link Recorder}); the discrete-event engine from one thread ({@link #singleThreaded}:
 * plain fields and a {@link LatencySample}, whose cost follows the requests, not the buckets).
 * Both report the same numbers for the same latencies.
 */
public abstract class EndpointStats {
    static final long MAX_MICROS = 3_600_000_000L;

    private final String endpoint;
    /** Live OTel export of the same events; null (one branch) when OTel metrics are off. */
    private volatile EndpointInstruments otel;

    EndpointStats(String endpoint) {
        this.endpoint = endpoint;
    }

    /** For recording from any thread. */
    public static EndpointStats concurrent(String endpoint) {
        return new Concurrent(endpoint);
    }

    /** For recording and draining on one thread only. */
    public static EndpointStats singleThreaded(String endpoint) {
        return new SingleThreaded(endpoint);
    }

    public void exportTo(EndpointInstruments instruments) {
        this.otel = instruments;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A completed request (rejections included: they are answered). */
    public void completed(long latencyNanos, int status) {
        count(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1_000)), status >= 500);
        EndpointInstruments o = otel;
        if (o != null) o.completed(latencyNanos, status);
    }

    public void rejected() {
        countRejection();
        EndpointInstruments o = otel;
        if (o != null) o.rejected();
    }

    abstract void count(long latencyMicros, boolean error);

    abstract void countRejection();

    /** The interval's values; resets counters. Latency rows are absent when nothing completed. */
    public abstract Snapshot drain();

    public record Snapshot(long requests, long errors, long rejections, long samples, double p50Ms, double p95Ms, double p99Ms,
                           double meanMs) {
        static Snapshot empty(long requests, long errors, long rejections) {
            return new Snapshot(requests, errors, rejections, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private static final class Concurrent extends EndpointStats {
        private final LongAdder requests = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder rejections = new LongAdder();
        private final Recorder latency = new Recorder(MAX_MICROS, 2);
        private Histogram spare;

        Concurrent(String endpoint) {
            super(endpoint);
        }

        void count(long micros, boolean error) {
            requests.increment();
            if (error) errors.increment();
            latency.recordValue(micros);
        }

        void countRejection() {
            rejections.increment();
        }

        public synchronized Snapshot drain() {
            spare = latency.getIntervalHistogram(spare);
            long n = requests.sumThenReset();
            long e = errors.sumThenReset();
            long r = rejections.sumThenReset();
            Histogram h = spare;
            if (h.getTotalCount() == 0) return Snapshot.empty(n, e, r);
            return new Snapshot(n, e, r, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMean() / 1000.0);
        }
    }

    private static final class SingleThreaded extends EndpointStats {
        private long requests;
        private long errors;
        private long rejections;
        private final LatencySample latency = new LatencySample(MAX_MICROS, 2);

        SingleThreaded(String endpoint) {
            super(endpoint);
        }

        void count(long micros, boolean error) {
            requests++;
            if (error) errors++;
            latency.record(micros);
        }

        void countRejection() {
            rejections++;
        }

        public Snapshot drain() {
            Snapshot s;
            if (latency.count() == 0) {
                s = Snapshot.empty(requests, errors, rejections);
            } else {
                latency.prepare();
                s = new Snapshot(requests, errors, rejections, latency.count(), latency.valueAtPercentile(50) / 1000.0,
                        latency.valueAtPercentile(95) / 1000.0, latency.valueAtPercentile(99) / 1000.0, latency.mean() / 1000.0);
                latency.reset();
            }
            requests = 0;
            errors = 0;
            rejections = 0;
            return s;
        }
    }
}
