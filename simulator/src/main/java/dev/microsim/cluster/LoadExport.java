package dev.microsim.cluster;

import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.recorder.otlp.LoadEvents;
import dev.microsim.telemetry.ReplicaTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The load's client side over OTLP/HTTP ({@link LoadEvents}), from {@code microsim drive} to the
 * collector or the recorder: the start event flushed at once, interval events batched.
 *
 * <p>Every export's own result is counted ({@link CountingLogExporter}): the SDK's flush reports
 * success even when the export under it failed, and a drive whose events were all lost used to end
 * with exit 0, leaving the run to fail later with "the load ended without sending a request". The
 * start event is sent again until the receiver takes it (for up to {@link #START_PATIENCE}): without
 * it the recorder has no run, while a lost interval event only leaves a gap in load.csv. The
 * receiver keeps the first start it is given, so a start that arrived although its answer did not
 * is harmless.
 */
public final class LoadExport implements AutoCloseable {
    public static final String SERVICE = "microsim-load";
    /** How long one export may wait for its answer: a recorder on a loaded machine can stall for seconds. */
    static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);
    /** How long the start event is re-sent before the load gives up on its run. */
    static final Duration START_PATIENCE = Duration.ofSeconds(90);
    private final URI base;
    private final SdkLoggerProvider provider;
    private final CountingLogExporter exporter;
    private final ClientStatsSink sink;
    private final Duration startPatience;
    private final Duration retryPause;
    private volatile boolean startDelivered;
    private volatile boolean started;
    /** Failed attempts at the start event before it went through. */
    private volatile long retried;

    /** @param base the collector's (or recorder's) OTLP/HTTP base URL; {@code instance} names this load generator */
    public LoadExport(URI base, String instance) {
        this(base, instance, OtlpHttpLogRecordExporter.builder().setEndpoint(base.resolve("/v1/logs").toString()).setTimeout(EXPORT_TIMEOUT).build(),
                START_PATIENCE, Duration.ofSeconds(1));
    }

    LoadExport(URI base, String instance, LogRecordExporter export, Duration startPatience, Duration retryPause) {
        this.base = base;
        this.exporter = new CountingLogExporter(export);
        this.startPatience = startPatience;
        this.retryPause = retryPause;
        this.provider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, SERVICE,
                        ReplicaTelemetry.SERVICE_INSTANCE_ID, instance))))
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(500)).setMaxQueueSize(65_536)
                        .setExporterTimeout(EXPORT_TIMEOUT.plusSeconds(5)).build())
                .build();
        ClientStatsSink events = LoadEvents.emitter(provider.get("dev.microsim.load"), () -> await(provider.forceFlush()));
        this.sink = new ClientStatsSink() {
            @Override
            public void accept(ClientStats stats) {
                events.accept(stats);
            }

            @Override
            public void loadStarted(Instant at) {
                started = true;
                long deadline = System.nanoTime() + startPatience.toNanos();
                long failedBefore = exporter.failed();
                while (true) {
                    long exportedBefore = exporter.exported();
                    events.loadStarted(at); // emits and flushes
                    if (exporter.exported() > exportedBefore) {
                        retried = exporter.failed() - failedBefore; // attempts that failed before this one: not lost
                        startDelivered = true;
                        return;
                    }
                    if (System.nanoTime() + retryPause.toNanos() > deadline) return;
                    try {
                        Thread.sleep(retryPause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        };
    }

    /** Where the load runner hands its statistics. */
    public ClientStatsSink sink() {
        return sink;
    }

    /** True if every event went out (the start event, when the load started, and every interval event). */
    public boolean delivered() {
        return (!started || startDelivered) && lost() == 0 && exporter.unanswered() == 0;
    }

    /** Why not everything went out, for drive's error message; null if it did. */
    public String problem() {
        if (delivered()) return null;
        String why = exporter.lastFailure() == null ? "" : " (last failure: " + exporter.lastFailure() + ")";
        if (started && !startDelivered) {
            return "the load's start event never reached " + base + " in " + startPatience.toSeconds() + " s of trying" + why
                    + ": the recorder has no run without it";
        }
        if (exporter.unanswered() > 0) return exporter.unanswered() + " load events got no answer from " + base + why;
        return lost() + " of " + (lost() + exporter.exported()) + " load events could not be delivered to " + base + why
                + " (the dataset's load.csv misses them)";
    }

    private long lost() {
        return exporter.failed() - retried;
    }

    private void await(CompletableResultCode code) {
        code.join(EXPORT_TIMEOUT.plusSeconds(10).toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends what is left and stops; {@link #delivered()} says whether everything went out. */
    @Override
    public void close() {
        await(provider.forceFlush());
        await(provider.shutdown());
    }
}
