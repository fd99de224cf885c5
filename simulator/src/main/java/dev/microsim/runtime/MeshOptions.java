package dev.microsim.runtime;

import dev.microsim.telemetry.OtelExport;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link LocalMesh} runs: seed for every draw, the clock telemetry reads, where telemetry goes,
 * how many threads burn {@code compute} CPU, how long a dead replica stays in callers' rotation
 * before "service discovery" drops it, the share of successful requests that write an access log,
 * extra span processors (an OTLP exporter, a test's in-memory exporter), where OTel SDK metrics
 * and logs go ({@link OtelExport#NONE}: no metrics/logs SDK is built at all), and how replicas listen
 * ({@link Listeners}).
 */
public record MeshOptions(long seed, Clock clock, TelemetrySink sink, int cpuThreads, Duration discoveryDelay,
                          double accessLogShare, Duration oomRestartDelay, List<SpanProcessor> extraSpanProcessors, OtelExport otel,
                          Listeners listeners) {
    /**
     * PER_REPLICA: every replica listens on its own port (a socket each, plus pooled connections to
     * each callee replica). SHARED: calls between services go to one shared port that routes by the
     * {@value SharedListener#ROUTE} header, so sockets do not grow with the number of services
     * (only load targets keep their own ports). AUTO: shared from {@value #SHARED_FROM} replicas on.
     */
    public enum Listeners { AUTO, PER_REPLICA, SHARED }

    /** Replicas from which AUTO shares listeners: beyond this, per-replica sockets and pools approach the descriptor limit. */
    public static final int SHARED_FROM = 1000;

    public MeshOptions {
        if (clock == null) clock = Clock.systemUTC();
        if (sink == null) sink = TelemetrySink.NONE;
        if (cpuThreads < 1) throw new IllegalArgumentException("cpuThreads must be >= 1, got " + cpuThreads);
        if (discoveryDelay == null || discoveryDelay.isNegative()) throw new IllegalArgumentException("discoveryDelay must be >= 0, got " + discoveryDelay);
        if (!(accessLogShare >= 0 && accessLogShare <= 1)) throw new IllegalArgumentException("accessLogShare must be in [0, 1], got " + accessLogShare);
        if (oomRestartDelay == null || oomRestartDelay.isNegative()) throw new IllegalArgumentException("oomRestartDelay must be >= 0, got " + oomRestartDelay);
        extraSpanProcessors = extraSpanProcessors == null ? List.of() : List.copyOf(extraSpanProcessors);
        if (otel == null) otel = OtelExport.NONE;
        if (listeners == null) listeners = Listeners.AUTO;
    }

    public static MeshOptions defaults(long seed, TelemetrySink sink) {
        return new MeshOptions(seed, Clock.systemUTC(), sink, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(2), 0.02,
                Duration.ofMillis(500), List.of(), OtelExport.NONE, Listeners.AUTO);
    }

    /** The same options on another clock (the one telemetry is stamped with): a run's own, injected. */
    public MeshOptions withClock(Clock other) {
        return new MeshOptions(seed, other, sink, cpuThreads, discoveryDelay, accessLogShare, oomRestartDelay, extraSpanProcessors, otel, listeners);
    }

    public MeshOptions withSpanProcessors(List<SpanProcessor> processors) {
        return new MeshOptions(seed, clock, sink, cpuThreads, discoveryDelay, accessLogShare, oomRestartDelay, processors, otel, listeners);
    }

    public MeshOptions withDiscoveryDelay(Duration delay) {
        return new MeshOptions(seed, clock, sink, cpuThreads, delay, accessLogShare, oomRestartDelay, extraSpanProcessors, otel, listeners);
    }

    public MeshOptions withAccessLogShare(double share) {
        return new MeshOptions(seed, clock, sink, cpuThreads, discoveryDelay, share, oomRestartDelay, extraSpanProcessors, otel, listeners);
    }

    public MeshOptions withOtel(OtelExport export) {
        return new MeshOptions(seed, clock, sink, cpuThreads, discoveryDelay, accessLogShare, oomRestartDelay, extraSpanProcessors, export, listeners);
    }

    public MeshOptions withListeners(Listeners mode) {
        return new MeshOptions(seed, clock, sink, cpuThreads, discoveryDelay, accessLogShare, oomRestartDelay, extraSpanProcessors, otel, mode);
    }
}
