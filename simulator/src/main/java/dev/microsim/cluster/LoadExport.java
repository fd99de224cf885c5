package dev.microsim.cluster;

import dev.microsim.load.ClientStatsSink;
import dev.microsim.recorder.otlp.LoadEvents;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The load's client side over OTLP/HTTP ({@link LoadEvents}), from {@code microsim drive} to the
 * collector or the recorder: the start event flushed at once, interval events batched.
 */
public final class LoadExport implements AutoCloseable {
    public static final String SERVICE = "microsim-load";
    private final SdkLoggerProvider provider;
    private final ClientStatsSink sink;
    private volatile boolean delivered = true;

    /** @param base the collector's (or recorder's) OTLP/HTTP base URL; {@code instance} names this load generator */
    public LoadExport(URI base, String instance) {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder().setEndpoint(base.resolve("/v1/logs").toString())
                .setTimeout(Duration.ofSeconds(10)).build();
        this.provider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, SERVICE,
                        ReplicaTelemetry.SERVICE_INSTANCE_ID, instance))))
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(500)).setMaxQueueSize(65_536).build())
                .build();
        this.sink = LoadEvents.emitter(provider.get("dev.microsim.load"), () -> await(provider.forceFlush()));
    }

    /** Where the load runner hands its statistics. */
    public ClientStatsSink sink() {
        return sink;
    }

    /** False if an export failed (the recorder will miss statistics). */
    public boolean delivered() {
        return delivered;
    }

    private void await(CompletableResultCode code) {
        if (!code.join(15, TimeUnit.SECONDS).isSuccess()) delivered = false;
    }

    /** Sends what is left and stops; {@link #delivered()} says whether everything went out. */
    @Override
    public void close() {
        await(provider.forceFlush());
        await(provider.shutdown());
    }
}
