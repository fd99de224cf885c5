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

    public ServiceStats(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    public EndpointStats endpoint(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, EndpointStats::new);
    }

    public Iterable<EndpointStats> endpoints() {
        return endpoints.values();
    }

    public void addCpuNanos(long nanos) {
        cpuNanos.add(nanos);
    }

    public void restarted() {
        restarts.increment();
    }

    public long drainCpuNanos() {
        return cpuNanos.sumThenReset();
    }

    public long drainRestarts() {
        return restarts.sumThenReset();
    }
}
