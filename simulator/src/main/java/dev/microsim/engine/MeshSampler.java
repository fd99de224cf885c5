package dev.microsim.engine;

import dev.microsim.telemetry.EndpointStats;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.MetricsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the mesh's live counters into one interval's metrics.csv rows (docs/dataset-format.md).
 * Called once per interval by one thread; reading resets the interval counters.
 */
public final class MeshSampler implements MetricsSource {
    private final MeshModel mesh;
    private long totalRequests;
    private long totalErrors;

    MeshSampler(MeshModel mesh) {
        this.mesh = mesh;
    }

    /** Rows for the interval that started at {@code intervalStart}; also updates the running totals. */
    @Override
    public List<MetricRow> sample(Instant intervalStart, double intervalSeconds) {
        List<MetricRow> rows = new ArrayList<>();
        for (ServiceState n : mesh.services()) {
            String s = n.name();
            for (EndpointStats e : n.stats.endpoints()) {
                EndpointStats.Snapshot snap = e.drain();
                totalRequests += snap.requests();
                totalErrors += snap.errors();
                rows.add(new MetricRow(intervalStart, s, e.endpoint(), "requests", snap.requests()));
                rows.add(new MetricRow(intervalStart, s, e.endpoint(), "errors", snap.errors()));
                rows.add(new MetricRow(intervalStart, s, e.endpoint(), "rejections", snap.rejections()));
                if (snap.samples() > 0) {
                    rows.add(new MetricRow(intervalStart, s, e.endpoint(), "latency_p50_ms", snap.p50Ms()));
                    rows.add(new MetricRow(intervalStart, s, e.endpoint(), "latency_p95_ms", snap.p95Ms()));
                    rows.add(new MetricRow(intervalStart, s, e.endpoint(), "latency_p99_ms", snap.p99Ms()));
                    rows.add(new MetricRow(intervalStart, s, e.endpoint(), "latency_mean_ms", snap.meanMs()));
                }
            }
            int inflight = 0;
            int queued = 0;
            long memory = 0;
            for (ReplicaInterpreter r : n.replicas()) {
                inflight += r.inflight();
                queued += r.queued();
                memory += r.memoryBytes();
            }
            rows.add(new MetricRow(intervalStart, s, "", "inflight", inflight));
            rows.add(new MetricRow(intervalStart, s, "", "queue_length", queued));
            rows.add(new MetricRow(intervalStart, s, "", "cpu_ms", n.stats.drainCpuNanos() / 1e6));
            rows.add(new MetricRow(intervalStart, s, "", "memory_bytes", memory));
            rows.add(new MetricRow(intervalStart, s, "", "replicas_up", n.replicasUp()));
            rows.add(new MetricRow(intervalStart, s, "", "restarts", n.stats.drainRestarts()));
        }
        return rows;
    }

    /** Server-side requests completed over all services and endpoints, up to the last sample. */
    @Override
    public long totalRequests() {
        return totalRequests;
    }

    @Override
    public long totalErrors() {
        return totalErrors;
    }
}
