package dev.microsim.cli;

import dev.microsim.model.scenario.Limits;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import dev.microsim.model.yaml.Overrides;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.cluster.KubeCluster;
import dev.microsim.cluster.LoopbackCluster;
import dev.microsim.cluster.PodProgram;
import dev.microsim.run.ClusterRun;
import dev.microsim.run.LocalRun;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.run.RunTarget;
import dev.microsim.sim.FastRun;
import dev.microsim.sim.SimOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
        description = "Run a scenario's mesh (live in this JVM, fast in virtual time, or as pods), drive its load and record a dataset.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset directory to write")
    Path out;

    @Option(names = "--force", description = "write into --out even if it is not empty (an earlier dataset there is replaced)")
    boolean force;

    @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, description = "override the scenario's duration, e.g. 60s")
    Duration duration;

    @Option(names = "--load", paramLabel = "ENGINE", defaultValue = "gatling", description = "load engine: gatling (default) or builtin")
    String loadEngine;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "live",
            description = {"live (default: the mesh in this JVM, in wall time; \"local\" is accepted for it), fast (the same mesh in virtual time, deterministic),",
                "pods (one microsim serve process per replica on this machine, recorded over OTLP) or kubernetes (pods on a cluster, docs/kubernetes.md)"})
    String mode;

    @Option(names = "--ready-timeout", paramLabel = "D", defaultValue = "5m", converter = DurationConverter.class,
            description = "--mode pods or kubernetes: how long the pods may take to be ready (default ${DEFAULT-VALUE})")
    Duration readyTimeout;

    @Option(names = "--warm-up", paramLabel = "D", defaultValue = "40s", converter = ZeroOrMoreDuration.class,
            description = "--mode pods: the most time to warm the cold pods up before the run starts, until their answers are steady (default ${DEFAULT-VALUE}; 0s: none)")
    Duration warmUp;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:4318",
            description = "--mode kubernetes: where the recorder's OTLP/HTTP receiver listens for the collector (default ${DEFAULT-VALUE})")
    String listen;

    @picocli.CommandLine.Mixin
    dev.microsim.kubernetes.cli.RenderFlags render;

    @picocli.CommandLine.Mixin
    dev.microsim.kubernetes.cli.ClusterFlags cluster;

    @Option(names = "--no-traces", description = "record no spans (traces.jsonl stays empty): metrics-only datasets, faster in fast mode")
    boolean noTraces;

    @Option(names = "--no-logs", description = "record no log lines (logs.jsonl stays empty)")
    boolean noLogs;

    @Option(names = "--no-progress", description = "no progress display")
    boolean noProgress;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "262144", description = "recorder queue capacity (records)")
    int queueCapacity;

    @Option(names = "--otlp", paramLabel = "URL", description = "also export spans, metrics and logs live over OTLP/HTTP to a collector on this machine, e.g. http://127.0.0.1:4318")
    String otlp;

    @Option(names = "--prometheus", paramLabel = "PORT", description = "serve the mesh's OTel metrics for Prometheus on 127.0.0.1:PORT/metrics (0: a free port)")
    Integer prometheusPort;

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

    /** A duration where 0 means none (--warm-up 0s). */
    static final class ZeroOrMoreDuration implements CommandLine.ITypeConverter<Duration> {
        public Duration convert(String value) {
            try {
                Duration d = Durations.parse(value);
                if (d.isNegative()) throw new CommandLine.TypeConversionException("must be 0s or more, got \"" + value + "\"");
                return d;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        public Duration convert(String value) {
            Duration d;
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            if (d.isZero() || d.isNegative()) throw new CommandLine.TypeConversionException("must be > 0, got \"" + value + "\"");
            if (d.compareTo(Limits.MAX_DURATION) > 0) {
                throw new CommandLine.TypeConversionException("must be at most " + Durations.format(Limits.MAX_DURATION) + ", got \"" + value + "\"");
            }
            return d;
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        RunFlags flags = flags(spec.commandLine());
        List<String> problems = flags.problems();
        if (!problems.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        URI otlpUrl = otlp == null ? null : otlpTracesUrl(spec.commandLine(), otlp);
        // Overrides are applied before validation: fault windows and load starts must fit the run that happens.
        ParseResult parsed = Scenarios.parser().parse(scenarioFile, Overrides.of(seed, duration));
        if (!parsed.ok()) {
            parsed.lines().forEach(err::println);
            err.flush();
            return 1;
        }
        Scenario scenario = parsed.orThrow();
        if (scenario.load().isEmpty()) {
            err.println(scenarioFile + ": load: the scenario has no load entries, nothing would run");
            err.flush();
            return 1;
        }
        // Checked after the scenario (nothing is written for a bad one) and before the mesh or anything else starts.
        Optional<String> refused = prometheusPort == null || prometheusPort == 0 ? Optional.empty()
                : portInUse(prometheusPort).map(why -> "--prometheus " + prometheusPort + ": " + why);
        if (refused.isPresent()) {
            err.println("microsim run: " + refused.get());
            err.flush();
            return 1;
        }
        // Built before --out is checked: a bad pods program or render flag is a usage error, and --force must not have cleared the directory for it.
        RunTarget target = target(flags, otlpUrl);
        refused = OutDirectory.check(out, force);
        if (refused.isPresent()) {
            err.println("microsim run: --out " + refused.get());
            err.flush();
            return 1;
        }
        RunResult result;
        try (ProgressDisplay progress = new ProgressDisplay(outw, scenario.duration(), noProgress)) {
            RunSession session = RunSession.builder(scenario, out, target).recorderQueue(queueCapacity).listener(progress).build();
            result = session.run();
        } catch (java.io.UncheckedIOException e) {
            err.println("microsim run: --out " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        if (result.complete()) {
            summary(outw, result);
            return 0;
        }
        if (result.status() == RunResult.Status.FAILED) {
            err.println("microsim run: " + result.reason().orElse("run failed").replaceFirst("^run failed: ", ""));
            err.flush();
        }
        return 1;
    }

    /** Where the run goes, by mode; what it needs from outside (the pods' program, the cluster's render options) is checked here. */
    private RunTarget target(RunFlags flags, URI otlpUrl) {
        return switch (flags.mode()) {
            case "fast" -> new FastRun(SimOptions.defaults().withSignals(!noTraces, !noLogs));
            case "pods" -> new ClusterRun(new LoopbackCluster(LoopbackCluster.DEFAULT_JVM, podProgram(), warmUp.isZero() ? LoopbackCluster.WarmUp.NONE
                    : new LoopbackCluster.WarmUp(warmUp.compareTo(LoopbackCluster.WarmUp.DEFAULT.min()) < 0 ? warmUp : LoopbackCluster.WarmUp.DEFAULT.min(), warmUp)),
                    new ClusterRun.Options(!noTraces, !noLogs, "127.0.0.1", 0, null, readyTimeout, null));
            case "kubernetes" -> {
                // The cluster closes its client after the teardown, which on Ctrl-C runs in a shutdown hook after this thread is gone.
                var renderOptions = render.options(spec.commandLine());
                RunFlags.HostPort receiver = flags.receiver();
                yield new ClusterRun(new KubeCluster(cluster.client(), renderOptions, Duration.ofSeconds(30), Duration.ofMinutes(5), true),
                        new ClusterRun.Options(!noTraces, !noLogs, receiver.host(), receiver.port(), null, readyTimeout, null));
            }
            default -> new LocalRun(new LocalRun.Options(loadEngine, otlpUrl, prometheusPort, !noTraces, !noLogs));
        };
    }

    /** The flags as given: each matched option by its long name, with the values as typed. */
    private RunFlags flags(CommandLine cl) {
        Map<String, String> given = new LinkedHashMap<>();
        for (OptionSpec o : cl.getParseResult().matchedOptions()) given.put(o.longestName(), String.join(" ", o.originalStringValues()));
        return new RunFlags(mode, loadEngine, given, otlp, prometheusPort, queueCapacity, listen);
    }

    /**
     * What the pods run: the Quarkus serve where MICROSIM_SERVE_JAR (the launcher sets it) or the image
     * names it. Resolved here, with the pods target, since only a pods run needs it; a bad value is the
     * same usage error as a bad flag (exit 2), before anything starts.
     */
    private PodProgram podProgram() {
        List<String> problems = new ArrayList<>();
        PodProgram program = PodProgram.resolve(problems);
        if (!problems.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        return program;
    }

    /**
     * Why 127.0.0.1:{@code port} cannot be served on, if it cannot: asked before the run so a busy port
     * is named up front and leaves no dataset behind (the exporter would fail only once the run is up).
     */
    static Optional<String> portInUse(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as an HTTP server binds: a port in TIME_WAIT is free for it
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of("port " + port + " on 127.0.0.1 is already in use (choose another, or 0 for a free one)");
        } catch (IOException e) {
            return Optional.of("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
    }

    private static void summary(PrintWriter out, RunResult r) {
        long req = r.clientRequests();
        long errs = r.clientErrors();
        out.printf("microsim: done in %.1f s with %s%n", r.wall().toMillis() / 1000.0, r.load());
        out.printf("  client: %d requests, %d errors (%.2f%%)%n", req, errs, req == 0 ? 0 : 100.0 * errs / req);
        out.printf("  server: %d requests over all services, %d errors%n", r.serverRequests(), r.serverErrors());
        out.printf("  recorded %d spans; dropped %d records%n", r.spansRecorded(), r.dropped());
        out.println("  dataset: " + r.dataset().toAbsolutePath() + " (complete)");
        out.flush();
    }
}
