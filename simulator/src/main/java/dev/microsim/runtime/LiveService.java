package dev.microsim.runtime;

import dev.microsim.engine.MeshModel;
import dev.microsim.engine.ReplicaInterpreter;
import dev.microsim.engine.ServiceState;
import dev.microsim.model.scenario.Service;
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
import java.util.ArrayList;
import java.util.List;

/**
 * One hosted service in the live engine: its engine-neutral state, its replicas' servers, the shared
 * "service port" of a multi-replica service, and its OTel SDK metrics and logs providers (none unless
 * the mesh exports them).
 */
final class LiveService {
    final ServiceState state;
    final List<ReplicaServer> replicas = new ArrayList<>();
    private volatile int frontPort;
    /** OTel SDK metrics and logs of this service; null when the mesh exports none. */
    private final ServiceMetrics otelMetrics;
    private final SdkLoggerProvider otelLogs;
    final Logger otelLogger;

    /** @param instance the one replica's name when a pod hosts it (its OTel resources then say {@code service.instance.id}), else null */
    LiveService(MeshModel model, Service spec, MeshOptions options, int fixedPort, String instance) {
        Resource resource = Resource.getDefault().merge(Resource.create(instance == null
                ? Attributes.of(ReplicaTelemetry.SERVICE_NAME, spec.name())
                : Attributes.of(ReplicaTelemetry.SERVICE_NAME, spec.name(), ReplicaTelemetry.SERVICE_INSTANCE_ID, instance)));
        ServiceStats stats = new ServiceStats(spec.name());
        this.state = model.addService(spec, stats);
        this.frontPort = spec.replicas() > 1 ? fixedPort : 0;
        List<MetricReader> readers = options.otel().metricReaders().apply(spec.name());
        if (readers.isEmpty()) {
            otelMetrics = null;
        } else {
            otelMetrics = new ServiceMetrics(resource, readers, options.clock(),
                    () -> state.replicas().stream().map(r -> new ServiceMetrics.ReplicaGauge(r.instance(), r.inflight(), r.queued(), r.memoryBytes())).toList(),
                    state::replicasUp);
            stats.exportTo(otelMetrics);
        }
        List<LogRecordProcessor> processors = options.otel().logProcessors().apply(spec.name());
        if (processors.isEmpty()) {
            otelLogs = null;
            otelLogger = null;
        } else {
            var b = SdkLoggerProvider.builder().setClock(new OtelClock(options.clock())).setResource(resource);
            processors.forEach(b::addLogRecordProcessor);
            otelLogs = b.build();
            otelLogger = otelLogs.get("dev.microsim.runtime");
        }
    }

    String name() {
        return state.name();
    }

    ReplicaServer server(ReplicaInterpreter r) {
        return replicas.get(r.index());
    }

    /** Flushes and closes the OTel providers (last export of metrics and logs); after the replicas closed. */
    void closeOtel() {
        if (otelMetrics != null) otelMetrics.close();
        if (otelLogs != null) otelLogs.close();
    }

    /**
     * The shared service port all replicas listen on. Vert.x shares a server between listeners of
     * the same explicit port only, so a free port is chosen once up front.
     */
    synchronized int frontPort() {
        if (frontPort == 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                frontPort = probe.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no free loopback port for service " + name(), e);
            }
        }
        return frontPort;
    }

    /** Where load from outside enters: the only replica's port, or the shared service port. */
    int entryPort() {
        return replicas.size() == 1 ? replicas.get(0).port() : frontPort;
    }
}
