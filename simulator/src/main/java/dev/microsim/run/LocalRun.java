package dev.microsim.run;

import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.load.GatlingLoadRunner;
import dev.microsim.load.LoadRunner;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.LoopbackLoadRunner;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.OtelExport;
import dev.microsim.telemetry.PrometheusEndpoint;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The live mesh in this JVM ({@link LocalMesh}: real HTTP servers on 127.0.0.1, real CPU), driven
 * in wall time by Gatling or the built-in load generator, optionally exporting OTel signals (OTLP to a
 * loopback collector, a Prometheus scrape endpoint, which also serves {@link FaultActivityGauge}).
 */
public final class LocalRun implements RunTarget {
    /**
     * @param load {@code gatling} or {@code builtin}
     * @param otlpTraces the collector's traces URL (metrics and logs go to its siblings), or null
     * @param prometheusPort a port for the scrape endpoint on 127.0.0.1 (0: free), or null for none
     * @param traces whether spans go to the dataset (the OTel SDK still makes them, for export)
     * @param logs whether log lines go to the dataset
     */
    public record Options(String load, URI otlpTraces, Integer prometheusPort, boolean traces, boolean logs) {
        public Options {
            String problem = loadFlagProblem(load);
            if (problem != null) throw new IllegalArgumentException(problem);
            if (prometheusPort != null && (prometheusPort < 0 || prometheusPort > 65535)) {
                throw new IllegalArgumentException("prometheusPort must be 0..65535, got " + prometheusPort);
            }
        }

        public static Options defaults() {
            return new Options("gatling", null, null, true, true);
        }

        /** The one check of a {@code --load} value (run, drive and these options): null when it names an engine. */
        public static String loadFlagProblem(String load) {
            return "gatling".equals(load) || "builtin".equals(load) ? null : "--load: expected gatling or builtin, got \"" + load + "\"";
        }

        /** The load generator a valid {@code --load} value names: the built-in loopback one or Gatling. */
        public static LoadRunner loadRunner(String load, Clock clock) {
            return "builtin".equals(load) ? new LoopbackLoadRunner(clock) : new GatlingLoadRunner(clock);
        }
    }

    private final Options options;
    private final Clock clock;

    public LocalRun(Options options) {
        this(options, Clock.systemUTC());
    }

    /** On {@code clock}: every file of the dataset is stamped by it (a test's clock that steps, say). */
    public LocalRun(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    @Override
    public String mode() {
        return "local";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Report execute(RunContext ctx) throws Exception {
        Scenario scenario = ctx.scenario();
        ctx.say("microsim: starting " + scenario.services().size() + " services of \"" + scenario.name() + "\" (seed "
                + scenario.seed() + ", " + Durations.format(scenario.duration()) + ")");
        MeshOptions mesh = MeshOptions.defaults(scenario.seed(), TelemetrySink.only(ctx.telemetry(), options.traces(), options.logs())).withClock(clock);
        if (options.otlpTraces() != null) mesh = withOtlp(ctx, mesh, options.otlpTraces(), scenario.interval());
        PrometheusEndpoint prometheus = null;
        FaultActivityGauge faultGauge = null;
        try {
            if (options.prometheusPort() != null) {
                try {
                    prometheus = PrometheusEndpoint.start(options.prometheusPort());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("--prometheus " + options.prometheusPort() + ": cannot serve on 127.0.0.1: " + e.getMessage(), e);
                }
                PrometheusEndpoint p = prometheus;
                mesh = mesh.withOtel(mesh.otel().and(OtelExport.metrics(service -> List.of(p.readerFor(service)))));
                faultGauge = new FaultActivityGauge(p.readerFor(FaultActivityGauge.SERVICE), clock, () -> {
                    FaultInjector faults = ctx.faultsInForce();
                    return faults == null ? List.of() : faults.labels();
                });
                ctx.say("microsim: Prometheus metrics at " + prometheus.url());
            }
            LoadRunner runner = Options.loadRunner(options.load(), clock);
            try (LocalMesh m = LocalMesh.start(scenario, mesh)) {
                return LiveLoop.run(ctx, m, m.vertx(), m.sampler(), m::uri, runner);
            }
        } finally {
            if (faultGauge != null) faultGauge.close();
            if (prometheus != null) prometheus.close();
        }
    }

    /** Spans, metrics and logs over OTLP/HTTP; one reader/processor per service (each service is its own SDK provider). */
    private static MeshOptions withOtlp(RunContext ctx, MeshOptions mesh, URI traces, Duration every) {
        URI metrics = otlpSignalUrl(traces, "metrics");
        URI logs = otlpSignalUrl(traces, "logs");
        ctx.say("microsim: exporting spans to " + traces + ", metrics to " + metrics + ", logs to " + logs);
        return mesh.withSpanProcessors(List.of(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(traces.toString()).build()).build()))
                .withOtel(mesh.otel().and(new OtelExport(
                        service -> List.of(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder().setEndpoint(metrics.toString()).build())
                                .setInterval(every).build()),
                        service -> List.of(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder().setEndpoint(logs.toString()).build()).build()))));
    }

    /** The sibling OTLP/HTTP URL of another signal: .../v1/traces becomes .../v1/metrics or .../v1/logs. */
    public static URI otlpSignalUrl(URI tracesUrl, String signal) {
        String path = tracesUrl.getPath();
        String base = path.endsWith("/v1/traces") ? path.substring(0, path.length() - "/v1/traces".length()) : "";
        return tracesUrl.resolve(base + "/v1/" + signal);
    }
}
