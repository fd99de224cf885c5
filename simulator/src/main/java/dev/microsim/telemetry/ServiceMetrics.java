package dev.microsim.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The OpenTelemetry SDK metrics of one simulated service: an {@link SdkMeterProvider} whose
 * resource says {@code service.name}, with instruments mirroring metrics.csv. The dataset keeps
 * its own exact counters (HdrHistogram percentiles per interval); these are for live export
 * (OTLP, Prometheus). Request instruments are per service and endpoint like metrics.csv, with
 * attributes bound once per endpoint and status (see {@link EndpointInstruments}); per-replica
 * state (in-flight, queue, memory) is observed at collection time with {@code service.instance.id}.
 */
public final class ServiceMetrics implements AutoCloseable {
    public static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    /** OTel semantic-convention advice for http.server.request.duration (seconds). */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    /** One replica's live state at collection time. */
    public record ReplicaGauge(String instance, long inflight, long queued, long memoryBytes) {}

    private final SdkMeterProvider provider;
    final DoubleHistogram duration;
    final LongCounter requests;
    final LongCounter errors;
    final LongCounter rejections;
    private final DoubleCounter cpuTime;
    private final LongCounter restarts;
    private final Map<String, Attributes> instanceAttributes = new ConcurrentHashMap<>();

    public ServiceMetrics(String service, List<MetricReader> readers, Clock clock, Supplier<List<ReplicaGauge>> replicas,
                          IntSupplier replicasUp) {
        this(Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, service))), readers, clock, replicas, replicasUp);
    }

    /** As above with the whole resource given (a pod's also says {@code service.instance.id}). */
    public ServiceMetrics(Resource resource, List<MetricReader> readers, Clock clock, Supplier<List<ReplicaGauge>> replicas,
                          IntSupplier replicasUp) {
        if (readers.isEmpty()) throw new IllegalArgumentException("service " + resource.getAttribute(ReplicaTelemetry.SERVICE_NAME) + ": no metric readers");
        SdkMeterProviderBuilder b = SdkMeterProvider.builder()
                .setResource(resource)
                .setClock(new OtelClock(clock));
        readers.forEach(b::registerMetricReader);
        this.provider = b.build();
        Meter meter = provider.get("dev.microsim.runtime");
        this.duration = meter.histogramBuilder("http.server.request.duration").setUnit("s")
                .setDescription("Duration of HTTP server requests, arrival to answer (queueing included).")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        this.requests = meter.counterBuilder("microsim.server.requests").setUnit("{request}")
                .setDescription("Answers sent by the endpoint (rejections and errors included).").build();
        this.errors = meter.counterBuilder("microsim.server.errors").setUnit("{request}")
                .setDescription("Answers with status >= 500.").build();
        this.rejections = meter.counterBuilder("microsim.server.rejections").setUnit("{request}")
                .setDescription("503s because the replica's queue was full.").build();
        this.cpuTime = meter.counterBuilder("microsim.cpu.time").ofDoubles().setUnit("s")
                .setDescription("CPU time burnt by compute steps and CPU-hog effects.").build();
        this.restarts = meter.counterBuilder("microsim.restarts").setUnit("{restart}")
                .setDescription("Starts of killed replicas.").build();
        meter.upDownCounterBuilder("microsim.server.inflight").setUnit("{request}").setDescription("Running requests per replica.")
                .buildWithCallback(m -> replicas.get().forEach(r -> m.record(r.inflight(), instance(r.instance()))));
        meter.upDownCounterBuilder("microsim.server.queue.length").setUnit("{request}").setDescription("Waiting requests per replica.")
                .buildWithCallback(m -> replicas.get().forEach(r -> m.record(r.queued(), instance(r.instance()))));
        meter.gaugeBuilder("microsim.memory.usage").ofLongs().setUnit("By").setDescription("Accounted memory per replica (0 when down).")
                .buildWithCallback(m -> replicas.get().forEach(r -> m.record(r.memoryBytes(), instance(r.instance()))));
        meter.gaugeBuilder("microsim.replicas.up").ofLongs().setUnit("{replica}").setDescription("Replicas serving.")
                .buildWithCallback(m -> m.record(replicasUp.getAsInt()));
    }

    private Attributes instance(String instance) {
        return instanceAttributes.computeIfAbsent(instance, i -> Attributes.of(ReplicaTelemetry.SERVICE_INSTANCE_ID, i));
    }

    /** Instruments bound to one endpoint ("GET /x"): attributes are built once, not per request. */
    public EndpointInstruments endpoint(String endpointKey) {
        int space = endpointKey.indexOf(' ');
        String method = space < 0 ? "_OTHER" : endpointKey.substring(0, space);
        String route = space < 0 ? endpointKey : endpointKey.substring(space + 1);
        return new EndpointInstruments(this, method, route);
    }

    public void addCpuNanos(long nanos) {
        cpuTime.add(nanos / 1e9);
    }

    public void restarted() {
        restarts.add(1);
    }

    @Override
    public void close() {
        provider.close();
    }
}
