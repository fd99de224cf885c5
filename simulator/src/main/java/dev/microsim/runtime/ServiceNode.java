package dev.microsim.runtime;

import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.Service;
import dev.microsim.telemetry.EndpointStats;
import dev.microsim.telemetry.OtelClock;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.ServiceMetrics;
import dev.microsim.telemetry.ServiceStats;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One simulated service: its replicas, routes, stats, and the round-robin balancer callers use. */
final class ServiceNode {
    record Route(String key, Endpoint endpoint, EndpointStats stats) {}

    final Service spec;
    final ServiceStats stats;
    final List<ReplicaServer> replicas = new ArrayList<>();
    private final Map<String, Route> routes = new HashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final long discoveryDelayNanos;
    private volatile int frontPort;
    /** OTel SDK metrics and logs of this service; null when the mesh exports none. */
    private final ServiceMetrics otelMetrics;
    private final SdkLoggerProvider otelLogs;
    final Logger otelLogger;

    ServiceNode(Service spec, MeshOptions options) {
        this.spec = spec;
        this.stats = new ServiceStats(spec.name());
        this.discoveryDelayNanos = options.discoveryDelay().toNanos();
        spec.endpoints().forEach((id, ep) -> {
            String key = id.toString();
            routes.put(key, new Route(key, ep, stats.endpoint(key)));
        });
        List<MetricReader> readers = options.otel().metricReaders().apply(spec.name());
        if (readers.isEmpty()) {
            otelMetrics = null;
        } else {
            otelMetrics = new ServiceMetrics(spec.name(), readers, options.clock(),
                    () -> replicas.stream().map(r -> new ServiceMetrics.ReplicaGauge(r.instance, r.inflight(), r.queued(), r.memoryBytes())).toList(),
                    this::replicasUp);
            stats.exportTo(otelMetrics);
        }
        List<LogRecordProcessor> processors = options.otel().logProcessors().apply(spec.name());
        if (processors.isEmpty()) {
            otelLogs = null;
            otelLogger = null;
        } else {
            var b = SdkLoggerProvider.builder().setClock(new OtelClock(options.clock()))
                    .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, spec.name()))));
            processors.forEach(b::addLogRecordProcessor);
            otelLogs = b.build();
            otelLogger = otelLogs.get("dev.microsim.runtime");
        }
    }

    /** Flushes and closes the OTel providers (last export of metrics and logs); after the replicas closed. */
    void closeOtel() {
        if (otelMetrics != null) otelMetrics.close();
        if (otelLogs != null) otelLogs.close();
    }

    String name() {
        return spec.name();
    }

    Route route(String method, String path) {
        return routes.get(method + " " + path);
    }

    /**
     * Round robin over replicas, skipping one that has been down longer than the discovery delay
     * (as an endpoints controller would); until then callers still hit its closed port.
     */
    ReplicaServer pick() {
        int n = replicas.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        if (n == 1) return replicas.get(0);
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ReplicaServer r = replicas.get((start + i) % n);
            if (r.up() || now - r.downSinceNanos() < discoveryDelayNanos) return r;
        }
        return replicas.get(start);
    }

    /**
     * The shared service port all replicas listen on. Vert.x shares a server between listeners of
     * the same explicit port only, so a free port is chosen once up front.
     */
    synchronized int frontPort(int replicaIndex) {
        if (frontPort == 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                frontPort = probe.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no free loopback port for service " + name(), e);
            }
        }
        return frontPort;
    }

    void frontBound(int port) {
        frontPort = port;
    }

    /** Where load from outside enters: the only replica's port, or the shared service port. */
    int entryPort() {
        return replicas.size() == 1 ? replicas.get(0).port() : frontPort;
    }

    int replicasUp() {
        int up = 0;
        for (ReplicaServer r : replicas) if (r.up()) up++;
        return up;
    }
}
