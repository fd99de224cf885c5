package dev.microsim.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Service-level accumulators that the replicas add to (CPU time, restarts) plus the per-endpoint stats. */
public final class ServiceStats {
    private final String service;
    private final Map<String, EndpointStats> endpoints = new ConcurrentHashMap<>();
    private final LongAdder cpuNanos = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private volatile ServiceMetrics otel;
    private final java.util.function.Function<String, EndpointStats> make;

    /** Stats recorded from any thread (the live engine's event loops). */
    public ServiceStats(String service) {
        this(service, true);
    }

    /** {@code concurrent} false: recorded and drained on one thread only (the discrete-event engine). */
    public ServiceStats(String service, boolean concurrent) {
        this.service = service;
        this.make = concurrent ? EndpointStats::concurrent : EndpointStats::singleThreaded;
    }

    public String service() {
        return service;
    }

    /** Also records into OTel instruments from now on (every endpoint known so far and later ones). */
    public synchronized void exportTo(ServiceMetrics metrics) {
        this.otel = metrics;
        endpoints.values().forEach(e -> e.exportTo(metrics.endpoint(e.endpoint())));
    }

    public EndpointStats endpoint(String endpoint) {
        ServiceMetrics m = otel;
        if (m != null) {
            return endpoints.computeIfAbsent(endpoint, k -> {
                EndpointStats e = make.apply(k);
                e.exportTo(m.endpoint(k));
                return e;
            });
        }
        return endpoints.computeIfAbsent(endpoint, make);
    }

    public Iterable<EndpointStats> endpoints() {
        return endpoints.values();
    }

    public void addCpuNanos(long nanos) {
        cpuNanos.add(nanos);
        ServiceMetrics m = otel;
        if (m != null) m.addCpuNanos(nanos);
    }

    public void restarted() {
        restarts.increment();
        ServiceMetrics m = otel;
        if (m != null) m.restarted();
    }

    public long drainCpuNanos() {
        return cpuNanos.sumThenReset();
    }

    public long drainRestarts() {
        return restarts.sumThenReset();
    }
}
