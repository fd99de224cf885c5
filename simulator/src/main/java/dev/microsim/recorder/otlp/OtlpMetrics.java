package dev.microsim.recorder.otlp;

import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.MetricsSource;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.ServiceMetrics;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metrics.csv from the pods' OTLP metrics. Every pod flushes its OTel metrics once per interval
 * at the interval grid's boundaries (delta counters, base-2 exponential histograms for request
 * durations, gauges), so a point stamped near boundary {@code k} holds what happened in interval
 * {@code k - 1}. {@link #sample} waits (at most {@code lag}) until every pod heard from so far has
 * delivered that boundary, then writes the interval's rows the way local mode's sampler does:
 * counts summed over pods, durations merged into one histogram per endpoint, per-replica gauges summed.
 */
public final class OtlpMetrics implements MetricsSource {
    private final Scenario scenario;
    private final long intervalNanos;
    private final Duration lag;
    private final long tolerance;
    /** Boundary k's instant is origin + k x interval; null until the run starts (earlier points are left out). */
    private Instant origin;
    private final Map<Long, Interval> intervals = new HashMap<>();
    /** Points received before the grid was set (the latest ones, at most {@link #MAX_PENDING}). */
    private final java.util.ArrayDeque<ResourceMetrics> pending = new java.util.ArrayDeque<>();
    static final int MAX_PENDING = 4096;
    /** Intervals up to this index are written: later points for them are late. */
    private long writtenThrough = -1;
    /** The last boundary each pod delivered. */
    private final Map<String, Long> pods = new HashMap<>();
    private long totalRequests;
    private long totalErrors;
    private long late;

    public OtlpMetrics(Scenario scenario, Duration lag) {
        this.scenario = scenario;
        this.intervalNanos = scenario.interval().toNanos();
        this.lag = lag;
        this.tolerance = intervalNanos / 2;
    }

    /**
     * The start of the grid interval holding {@code t}: a multiple of {@code interval} since the epoch,
     * where every pod collects ({@link dev.microsim.cluster.PodExport}). A run recorded from OTLP starts there.
     */
    public static Instant alignDown(Instant t, Duration interval) {
        long step = interval.toNanos();
        long nanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        long start = Math.floorDiv(nanos, step) * step;
        return Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L), Math.floorMod(start, 1_000_000_000L));
    }

    /**
     * Sets the interval grid: points before {@code origin} are left out (they belong to no interval of
     * the run). {@code origin} must be on the pods' grid ({@link #alignDown}).
     */
    public synchronized void origin(Instant origin) {
        if (!alignDown(origin, Duration.ofNanos(intervalNanos)).equals(origin)) {
            throw new IllegalArgumentException("origin " + origin + " is not on the " + Duration.ofNanos(intervalNanos)
                    + " grid the pods collect on (alignDown gives " + alignDown(origin, Duration.ofNanos(intervalNanos)) + ")");
        }
        this.origin = origin;
        intervals.clear();
        pods.clear();
        writtenThrough = -1;
        while (!pending.isEmpty()) accept(pending.removeFirst());
    }

    /** Points that came after their interval was written (a pod or collector slower than the lag); left out, counted. */
    public synchronized long late() {
        return late;
    }

    private static final class EndpointAcc {
        long requests;
        long errors;
        long rejections;
        final ExponentialHistogram duration = new ExponentialHistogram();
    }

    private static final class ServiceAcc {
        final Map<String, EndpointAcc> endpoints = new HashMap<>();
        double cpuSeconds;
        long restarts;
        final Map<String, long[]> replicas = new HashMap<>(); // instance -> inflight, queue, memory
        final Map<String, Long> up = new HashMap<>(); // pod -> replicas up

        EndpointAcc endpoint(String key) {
            return endpoints.computeIfAbsent(key, k -> new EndpointAcc());
        }

        long[] replica(String instance) {
            return replicas.computeIfAbsent(instance, k -> new long[3]);
        }
    }

    private static final class Interval {
        final Map<String, ServiceAcc> services = new HashMap<>();

        ServiceAcc service(String name) {
            return services.computeIfAbsent(name, k -> new ServiceAcc());
        }
    }

    public synchronized void accept(ResourceMetrics rm) {
        if (origin == null) {
            // The run's start (the load's first request) may reach the recorder after the pods' next
            // collection: keep the latest points until the grid is set, then count them in.
            pending.addLast(rm);
            while (pending.size() > MAX_PENDING) pending.removeFirst();
            return;
        }
        var resource = rm.getResource().getAttributesList();
        String service = OtlpValues.string(resource, ReplicaTelemetry.SERVICE_NAME.getKey());
        if (service == null || scenario.service(service).isEmpty()) return;
        String instance = OtlpValues.string(resource, ReplicaTelemetry.SERVICE_INSTANCE_ID.getKey());
        String pod = instance == null ? service : service + "/" + instance;
        long newest = Long.MIN_VALUE;
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
            for (Metric m : sm.getMetricsList()) newest = Math.max(newest, add(service, pod, m));
        }
        if (newest != Long.MIN_VALUE) pods.merge(pod, newest, Math::max);
        notifyAll();
    }

    /** Adds a metric's points; returns the newest boundary they belong to (MIN_VALUE if none). */
    private long add(String service, String pod, Metric m) {
        long newest = Long.MIN_VALUE;
        switch (m.getDataCase()) {
            case SUM -> {
                for (NumberDataPoint p : m.getSum().getDataPointsList()) newest = Math.max(newest, number(service, pod, m.getName(), p));
            }
            case GAUGE -> {
                for (NumberDataPoint p : m.getGauge().getDataPointsList()) newest = Math.max(newest, number(service, pod, m.getName(), p));
            }
            case EXPONENTIAL_HISTOGRAM -> {
                if (!m.getName().equals("http.server.request.duration")) break;
                for (var p : m.getExponentialHistogram().getDataPointsList()) {
                    long k = boundary(p.getTimeUnixNano());
                    newest = Math.max(newest, k);
                    Interval in = interval(k);
                    if (in != null) in.service(service).endpoint(endpoint(p.getAttributesList())).duration.add(p);
                }
            }
            default -> { }
        }
        return newest;
    }

    private long number(String service, String pod, String name, NumberDataPoint p) {
        long k = boundary(p.getTimeUnixNano());
        Interval in = interval(k);
        if (in == null) return k;
        ServiceAcc s = in.service(service);
        double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
        String instance = OtlpValues.string(p.getAttributesList(), ReplicaTelemetry.SERVICE_INSTANCE_ID.getKey());
        switch (name) {
            case "microsim.server.requests" -> s.endpoint(endpoint(p.getAttributesList())).requests += (long) v;
            case "microsim.server.errors" -> s.endpoint(endpoint(p.getAttributesList())).errors += (long) v;
            case "microsim.server.rejections" -> s.endpoint(endpoint(p.getAttributesList())).rejections += (long) v;
            case "microsim.cpu.time" -> s.cpuSeconds += v;
            case "microsim.restarts" -> s.restarts += (long) v;
            case "microsim.server.inflight" -> s.replica(instance == null ? pod : instance)[0] = (long) v;
            case "microsim.server.queue.length" -> s.replica(instance == null ? pod : instance)[1] = (long) v;
            case "microsim.memory.usage" -> s.replica(instance == null ? pod : instance)[2] = (long) v;
            case "microsim.replicas.up" -> s.up.put(pod, (long) v);
            default -> { }
        }
        return k;
    }

    private static String endpoint(List<io.opentelemetry.proto.common.v1.KeyValue> attributes) {
        return OtlpValues.string(attributes, ServiceMetrics.HTTP_METHOD.getKey()) + " " + OtlpValues.string(attributes, ServiceMetrics.HTTP_ROUTE.getKey());
    }

    /**
     * The boundary a point stamped at {@code epochNanos} was collected for: the nearest one. A pod
     * collects just after its boundary, later on a loaded machine (a collection up to half an
     * interval late still counts where it belongs); a pod's last flush as it stops, between two
     * boundaries, goes to the nearer one.
     */
    long boundary(long epochNanos) {
        long o = origin.getEpochSecond() * 1_000_000_000L + origin.getNano();
        return Math.floorDiv(epochNanos - o - tolerance + intervalNanos - 1, intervalNanos);
    }

    /** The interval a point stamped at boundary k fills (k - 1), or null if it is before the run or already written. */
    private Interval interval(long k) {
        if (k < 1) return null;
        if (k - 1 <= writtenThrough) {
            late++;
            return null;
        }
        return intervals.computeIfAbsent(k - 1, x -> new Interval());
    }

    @Override
    public List<MetricRow> sample(Instant intervalStart, double intervalSeconds) {
        List<MetricRow> rows = new ArrayList<>();
        synchronized (this) {
            if (origin == null) throw new IllegalStateException("sample before origin: the run's interval grid is not set");
            long index = Math.round((double) Duration.between(origin, intervalStart).toNanos() / intervalNanos);
            long deadline = System.nanoTime() + lag.toNanos();
            try {
                // A pod silent for three intervals (crashed, deleted) is not waited for.
                while (pods.values().stream().anyMatch(k -> k < index + 1 && k >= index - 2)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) break;
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Interval in = intervals.getOrDefault(index, new Interval());
            writtenThrough = Math.max(writtenThrough, index);
            intervals.keySet().removeIf(k -> k <= index);
            for (Service svc : scenario.services().values()) write(rows, intervalStart, svc, in.services.getOrDefault(svc.name(), new ServiceAcc()));
        }
        return rows;
    }

    private void write(List<MetricRow> rows, Instant t, Service svc, ServiceAcc s) {
        String name = svc.name();
        for (var key : svc.endpoints().keySet()) {
            String e = key.toString();
            EndpointAcc a = s.endpoints.getOrDefault(e, new EndpointAcc());
            totalRequests += a.requests;
            totalErrors += a.errors;
            rows.add(new MetricRow(t, name, e, "requests", a.requests));
            rows.add(new MetricRow(t, name, e, "errors", a.errors));
            rows.add(new MetricRow(t, name, e, "rejections", a.rejections));
            if (a.duration.count() > 0) {
                rows.add(new MetricRow(t, name, e, "latency_p50_ms", millis(a.duration.valueAt(50))));
                rows.add(new MetricRow(t, name, e, "latency_p95_ms", millis(a.duration.valueAt(95))));
                rows.add(new MetricRow(t, name, e, "latency_p99_ms", millis(a.duration.valueAt(99))));
                rows.add(new MetricRow(t, name, e, "latency_mean_ms", millis(a.duration.mean())));
            }
        }
        long inflight = 0;
        long queued = 0;
        long memory = 0;
        for (long[] r : s.replicas.values()) {
            inflight += r[0];
            queued += r[1];
            memory += r[2];
        }
        long up = s.up.values().stream().mapToLong(Long::longValue).sum();
        rows.add(new MetricRow(t, name, "", "inflight", inflight));
        rows.add(new MetricRow(t, name, "", "queue_length", queued));
        rows.add(new MetricRow(t, name, "", "cpu_ms", s.cpuSeconds * 1000));
        rows.add(new MetricRow(t, name, "", "memory_bytes", memory));
        rows.add(new MetricRow(t, name, "", "replicas_up", up));
        rows.add(new MetricRow(t, name, "", "restarts", s.restarts));
    }

    /** Seconds to milliseconds at microsecond resolution, as HdrHistogram's microsecond values give local mode. */
    private static double millis(double seconds) {
        return Math.round(seconds * 1e6) / 1000.0;
    }

    @Override
    public synchronized long totalRequests() {
        return totalRequests;
    }

    @Override
    public synchronized long totalErrors() {
        return totalErrors;
    }

    /** The pods heard from so far, by {@code service/instance}. */
    public synchronized Map<String, Long> pods() {
        return new LinkedHashMap<>(pods);
    }
}
