package dev.microsim.cli;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.control.ControlApi;
import dev.microsim.faults.schedule.DatasetFiles;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.GatlingLoadRunner;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.load.LoadRunner;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioWriter;
import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.recorder.RunInfo;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.LoopbackLoadRunner;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.runtime.MeshSampler;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.OtelExport;
import dev.microsim.telemetry.PrometheusEndpoint;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code microsim run SCENARIO --out DIR}: brings the mesh up in this JVM, drives the load,
 * records telemetry into a dataset (docs/dataset-format.md) and prints a summary. Ctrl-C or
 * SIGTERM leaves the dataset marked incomplete with a reason. Exit codes: 0 ok, 1 invalid
 * scenario or failed run, 2 usage.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario's mesh locally, drive its load and record a dataset.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset directory to write")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, description = "override the scenario's duration, e.g. 60s")
    Duration duration;

    @Option(names = "--load", paramLabel = "ENGINE", defaultValue = "gatling", description = "load engine: gatling (default) or builtin")
    String loadEngine;

    @Option(names = "--no-progress", description = "no progress display")
    boolean noProgress;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "262144", description = "recorder queue capacity (records)")
    int queueCapacity;

    @Option(names = "--otlp", paramLabel = "URL", description = "also export spans, metrics and logs live over OTLP/HTTP to a collector on this machine, e.g. http://127.0.0.1:4318")
    String otlp;

    @Option(names = "--prometheus", paramLabel = "PORT", description = "serve the mesh's OTel metrics for Prometheus on 127.0.0.1:PORT/metrics (0: a free port)")
    Integer prometheusPort;

    /** The sibling OTLP/HTTP URL of another signal: .../v1/traces becomes .../v1/metrics or .../v1/logs. */
    static URI otlpSignalUrl(URI tracesUrl, String signal) {
        String path = tracesUrl.getPath();
        String base = path.endsWith("/v1/traces") ? path.substring(0, path.length() - "/v1/traces".length()) : "";
        return tracesUrl.resolve(base + "/v1/" + signal);
    }

    /** The collector's traces URL; only loopback hosts: a run never sends traffic off this machine. */
    static URI otlpTracesUrl(CommandLine cl, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(cl, "--otlp: not a URL: \"" + url + "\"");
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(cl, "--otlp: expected http://HOST:PORT, got \"" + url + "\"");
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new CommandLine.ParameterException(cl, "--otlp: the collector must be on this machine (127.0.0.1, localhost or ::1), got \"" + uri.getHost() + "\"");
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? "/v1/traces" : uri.getPath();
        return uri.resolve(path);
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        public Duration convert(String value) {
            Duration d;
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (d.isZero()) throw new CommandLine.TypeConversionException("must be > 0, got \"" + value + "\"");
            return d;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (!loadEngine.equals("gatling") && !loadEngine.equals("builtin")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--load: expected gatling or builtin, got \"" + loadEngine + "\"");
        }
        if (queueCapacity < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--queue: must be >= 1, got " + queueCapacity);
        if (prometheusPort != null && (prometheusPort < 0 || prometheusPort > 65535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prometheus: expected a port 0..65535, got " + prometheusPort);
        }
        URI otlpUrl = otlp == null ? null : otlpTracesUrl(spec.commandLine(), otlp);
        ParseResult parsed = Scenarios.parser().parse(scenarioFile);
        if (!parsed.ok()) {
            parsed.lines().forEach(err::println);
            err.flush();
            return 1;
        }
        Scenario scenario = parsed.orThrow();
        if (seed != null) scenario = scenario.withSeed(seed);
        if (duration != null) scenario = scenario.withDuration(duration);
        if (scenario.load().isEmpty()) {
            err.println(scenarioFile + ": load: the scenario has no load entries, nothing would run");
            err.flush();
            return 1;
        }
        return new Run(scenario, outw, err, otlpUrl).execute();
    }

    /** One execution: owns the recorder, the mesh and the shutdown hook. */
    private final class Run {
        final Scenario scenario;
        final PrintWriter out;
        final PrintWriter err;
        final Clock clock = Clock.systemUTC();
        final AtomicBoolean ended = new AtomicBoolean();
        final AtomicLong clientRequests = new AtomicLong();
        final AtomicLong clientErrors = new AtomicLong();

        final URI otlpUrl;

        Run(Scenario scenario, PrintWriter out, PrintWriter err, URI otlpUrl) {
            this.otlpUrl = otlpUrl;
            this.scenario = scenario;
            this.out = out;
            this.err = err;
        }

        int execute() throws Exception {
            String yaml = ScenarioWriter.write(scenario);
            Instant start = clock.instant();
            DatasetRecorder recorder;
            try {
                recorder = DatasetRecorder.open(out(), yaml,
                        new RunInfo(scenario.name(), DatasetRecorder.sha256(yaml), scenario.seed(), start, scenario.interval()), clock, queueCapacity);
            } catch (java.io.UncheckedIOException e) {
                err.println("microsim run: --out " + out() + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            Thread main = Thread.currentThread();
            java.util.concurrent.atomic.AtomicReference<FaultInjector> faultsForHook = new java.util.concurrent.atomic.AtomicReference<>();
            Thread hook = new Thread(() -> {
                if (ended.compareAndSet(false, true)) {
                    // Recover faults first so labels.json gets their actual end (the injector's own hook may run later).
                    FaultInjector applied = faultsForHook.get();
                    if (applied != null) applied.recoverForShutdown();
                    recorder.abort("interrupted by a signal (Ctrl-C or SIGTERM) after "
                            + Duration.between(start, clock.instant()).toSeconds() + " s");
                    main.interrupt();
                }
            }, "microsim-run-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            LocalMesh mesh = null;
            PrometheusEndpoint prometheus = null;
            try {
                out.println("microsim: starting " + scenario.services().size() + " services of \"" + scenario.name() + "\" (seed "
                        + scenario.seed() + ", " + Durations.format(scenario.duration()) + ")");
                out.flush();
                MeshOptions options = MeshOptions.defaults(scenario.seed(), recorder);
                if (otlpUrl != null) {
                    options = options.withSpanProcessors(List.of(BatchSpanProcessor.builder(
                            OtlpHttpSpanExporter.builder().setEndpoint(otlpUrl.toString()).build()).build()));
                    URI metricsUrl = otlpSignalUrl(otlpUrl, "metrics");
                    URI logsUrl = otlpSignalUrl(otlpUrl, "logs");
                    Duration every = scenario.interval();
                    // One reader/processor per service: each service is its own SDK provider (resource service.name).
                    options = options.withOtel(options.otel().and(new OtelExport(
                            service -> List.of(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder().setEndpoint(metricsUrl.toString()).build())
                                    .setInterval(every).build()),
                            service -> List.of(BatchLogRecordProcessor.builder(
                                    OtlpHttpLogRecordExporter.builder().setEndpoint(logsUrl.toString()).build()).build()))));
                    out.println("microsim: exporting spans to " + otlpUrl + ", metrics to " + metricsUrl + ", logs to " + logsUrl);
                }
                if (prometheusPort != null) {
                    try {
                        prometheus = PrometheusEndpoint.start(prometheusPort);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("--prometheus " + prometheusPort + ": cannot serve on 127.0.0.1: " + e.getMessage(), e);
                    }
                    PrometheusEndpoint p = prometheus;
                    options = options.withOtel(options.otel().and(OtelExport.metrics(service -> List.of(p.readerFor(service)))));
                    out.println("microsim: Prometheus metrics at " + prometheus.url());
                }
                mesh = LocalMesh.start(scenario, options);
                MeshSampler sampler = mesh.sampler();
                LoadRunner runner = loadEngine.equals("builtin") ? new LoopbackLoadRunner(clock) : new GatlingLoadRunner(clock);
                ClientStatsSink sink = stats -> {
                    clientRequests.addAndGet(stats.requests());
                    clientErrors.addAndGet(stats.errors());
                    recorder.accept(stats);
                };
                Instant meshUp = clock.instant();
                LocalMesh m = mesh;
                LoadPlan plan = new LoadPlan(scenario.load(), m::uri, scenario.duration(), scenario.seed(), scenario.interval());
                LoadResult[] result = new LoadResult[1];
                Exception[] failure = new Exception[1];
                Thread load = new Thread(() -> {
                    try {
                        result[0] = runner.run(plan, sink);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                }, "microsim-load");
                // Fault times are relative to the mesh being up; labels go to the recorder as they change.
                try (FaultInjector faults = new FaultInjector(scenario, mesh, FaultCatalog.standard(), meshUp, out(),
                        label -> recorder.label(label.id(), DatasetFiles.label(label))).start();
                     // Fault catalogue: the live control API (loopback + token) to inject/recover faults by hand.
                     ControlApi control = ControlApi.start(mesh.vertx(), faults, FaultCatalog.standard(), clock,
                             meshUp.plus(scenario.duration()), out());
                     Progress progress = new Progress(out, scenario.duration(), noProgress)) {
                    faultsForHook.set(faults);
                    out.println("microsim: fault control API at " + control.url() + " (token " + control.token() + ", also in "
                            + out().resolve(ControlApi.FILE) + ")");
                    out.flush();
                    load.start();
                    long interval = scenario.interval().toNanos();
                    long t0 = System.nanoTime();
                    long k = 1;
                    while (load.isAlive()) {
                        long due = t0 + k * interval;
                        long wait = Math.min(due - System.nanoTime(), 250_000_000L);
                        if (wait > 0) load.join(Math.max(1, wait / 1_000_000));
                        if (System.nanoTime() >= due) {
                            emit(recorder, sampler, meshUp.plusNanos((k - 1) * interval));
                            k++;
                        }
                        progress.update(System.nanoTime() - t0, clientRequests.get(), clientErrors.get(), recorder.droppedTotal());
                        faults.checkHealthy();
                    }
                    emit(recorder, sampler, meshUp.plusNanos((k - 1) * interval)); // the last, partial interval
                }
                if (failure[0] != null) throw failure[0];
                mesh.close();
                mesh = null;
                if (!ended.compareAndSet(false, true)) return 1; // a signal arrived: the hook wrote the manifest
                recorder.finish();
                summary(start, recorder, sampler, result[0], runner);
                return 0;
            } catch (InterruptedException e) {
                return 1;
            } catch (Exception e) {
                if (ended.compareAndSet(false, true)) recorder.abort("run failed: " + e.getMessage());
                err.println("microsim run: " + e.getMessage());
                err.flush();
                return 1;
            } finally {
                if (mesh != null) mesh.close();
                if (prometheus != null) prometheus.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already exiting; the hook has done or is doing its job.
                }
            }
        }

        private Path out() {
            return RunCommand.this.out;
        }

        private void emit(DatasetRecorder recorder, MeshSampler sampler, Instant intervalStart) {
            List<MetricRow> rows = sampler.sample(intervalStart, scenario.interval().toNanos() / 1e9);
            rows.forEach(recorder::metric);
        }

        private void summary(Instant start, DatasetRecorder recorder, MeshSampler sampler, LoadResult result, LoadRunner runner) {
            Duration took = Duration.between(start, clock.instant());
            long req = clientRequests.get();
            long errs = clientErrors.get();
            out.printf("microsim: done in %.1f s with %s%n", took.toMillis() / 1000.0, runner.description());
            out.printf("  client: %d requests, %d errors (%.2f%%)%n", req, errs, req == 0 ? 0 : 100.0 * errs / req);
            out.printf("  server: %d requests over all services, %d errors%n", sampler.totalRequests(), sampler.totalErrors());
            out.printf("  recorded %d spans; dropped %d records%n", recorder.spansRecorded(), recorder.droppedTotal());
            out.println("  dataset: " + recorder.directory().toAbsolutePath() + " (complete)");
            out.flush();
        }
    }

    /** A progress bar on a terminal; a plain line every 5 s otherwise (CI logs, pipes). */
    private static final class Progress implements AutoCloseable {
        private final PrintWriter out;
        private final long totalNanos;
        private final me.tongfei.progressbar.ProgressBar bar;
        private final boolean quiet;
        private long lastLine;
        private long lastReq;
        private long lastNanos;
        private double rps;

        Progress(PrintWriter out, Duration total, boolean quiet) {
            this.out = out;
            this.totalNanos = total.toNanos();
            this.quiet = quiet;
            boolean terminal = System.console() != null && !quiet;
            this.bar = terminal ? new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("run").setInitialMax(total.toSeconds())
                    .setUnit("s", 1).showSpeed().build() : null;
        }

        void update(long elapsedNanos, long requests, long errors, long dropped) {
            if (elapsedNanos - lastNanos >= 1_000_000_000L) {
                rps = (requests - lastReq) * 1e9 / (elapsedNanos - lastNanos);
                lastReq = requests;
                lastNanos = elapsedNanos;
            }
            String extra = String.format("%.0f rps, %.2f%% errors%s", rps, requests == 0 ? 0.0 : 100.0 * errors / requests,
                    dropped > 0 ? ", " + dropped + " dropped" : "");
            if (bar != null) {
                bar.stepTo(Math.min(totalNanos, elapsedNanos) / 1_000_000_000L);
                bar.setExtraMessage(" " + extra);
            } else if (!quiet && elapsedNanos - lastLine >= 5_000_000_000L) {
                lastLine = elapsedNanos;
                long left = Math.max(0, totalNanos - elapsedNanos);
                out.printf("microsim: %ds elapsed, %ds left, %s%n", elapsedNanos / 1_000_000_000L, left / 1_000_000_000L, extra);
                out.flush();
            }
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
