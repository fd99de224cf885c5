package dev.microsim.cli;

import dev.microsim.cluster.LoadExport;
import dev.microsim.cluster.ServiceAddresses;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.load.LoadRunner;
import dev.microsim.load.PlanCompiler;
import dev.microsim.load.TargetRule;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.Overrides;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.run.LocalRun;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code microsim drive}: the scenario's load, the same plan {@code microsim run} sends (same
 * entries, seed and bounds), against a mesh that runs elsewhere: the program of Kubernetes mode's
 * load Job (entry services reached through their Services) and of a cluster-shaped run on one
 * machine ({@code --target SERVICE=URL} on 127.0.0.1). Its client statistics go over OTLP as load
 * events ({@code --otlp}), which the recorder turns into load.csv and the run's start.
 */
@Command(name = "drive", mixinStandardHelpOptions = true,
        description = {"Send a scenario's load (the same plan as microsim run) to a mesh running elsewhere: the load Job of Kubernetes mode.",
            "Entry services at --target SERVICE=URL (loopback), or in a Kubernetes pod by their Service names (http://SERVICE:8080).",
            "Client statistics go to --otlp as OTLP load events for the recorder. Bounded by the scenario's duration and maxRequests."})
public final class DriveCommand implements Callable<Integer> {
    /** Set in every Kubernetes pod: only there may the load go to Service names. */
    static final String IN_POD_ENV = "KUBERNETES_SERVICE_HOST";

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "scenario YAML (in the Job: the mounted ConfigMap)")
    Path scenarioFile;

    @Option(names = "--target", paramLabel = "SERVICE=URL",
            description = "where an entry service is reached, e.g. frontend=http://127.0.0.1:8080 (repeatable or comma-separated; loopback only)")
    List<String> targets = new ArrayList<>();

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:POD_NAMESPACE}",
            description = "the mesh's namespace (in the Job: its own); entry services without --target are its Services, http://SERVICE:8080")
    String namespace;

    @Option(names = "--otlp", paramLabel = "URL", defaultValue = "${env:OTEL_EXPORTER_OTLP_ENDPOINT}",
            description = "OTLP/HTTP base URL (the collector, or the recorder's receiver) for the load events (default: $OTEL_EXPORTER_OTLP_ENDPOINT; none: only the summary)")
    String otlp;

    @Option(names = "--instance", paramLabel = "NAME", defaultValue = "${env:POD_NAME}",
            description = "service.instance.id of the load events (default: $POD_NAME, else microsim-load-0)")
    String instance;

    @Option(names = "--seed", paramLabel = "N", description = "override the scenario's seed (as microsim run --seed)")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", converter = RunCommand.DurationConverter.class,
            description = "override the scenario's duration (as microsim run --duration)")
    Duration duration;

    @Option(names = "--load", paramLabel = "ENGINE", defaultValue = "gatling", description = "load engine: gatling (default) or builtin")
    String loadEngine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        String loadProblem = LocalRun.Options.loadFlagProblem(loadEngine);
        if (loadProblem != null) problems.add(loadProblem);
        ParseResult parsed = Scenarios.parser().parse(scenarioFile, Overrides.of(seed, duration));
        if (!parsed.ok()) problems.addAll(parsed.lines());
        Map<String, URI> bases = bases(problems);
        URI otlpBase = ServeCommand.otlpBase(otlp, problems);
        Scenario scenario = parsed.ok() ? parsed.orThrow() : null;
        boolean inPod = System.getenv(IN_POD_ENV) != null;
        if (scenario != null) {
            if (scenario.load().isEmpty()) problems.add(scenarioFile + ": load: the scenario has no load entries, nothing would run");
            for (String s : bases.keySet()) {
                if (scenario.service(s).isEmpty()) {
                    problems.add("--target: no service \"" + s + "\" in " + scenarioFile + " (services: " + String.join(", ", scenario.services().keySet()) + ")");
                }
            }
            for (String s : entryServices(scenario)) {
                if (!bases.containsKey(s) && !inPod) {
                    problems.add("--target: no URL for entry service \"" + s + "\" (outside a Kubernetes pod every entry service needs --target " + s + "=URL)");
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("microsim drive: " + p));
            err.flush();
            return 1;
        }
        LoadPlan plan = new LoadPlan(scenario.load(), ref -> {
            URI base = bases.getOrDefault(ref.service(), URI.create("http://" + ref.service() + ":" + ServiceAddresses.SERVICE_PORT));
            return base.resolve(ref.endpoint().path());
        }, scenario.duration(), scenario.seed(), scenario.interval(), inPod ? TargetRule.IN_CLUSTER : TargetRule.LOOPBACK);
        try {
            PlanCompiler.compile(plan); // every bad target at once, before any request or export starts
        } catch (IllegalArgumentException e) {
            for (String line : e.getMessage().split("\n")) err.println("microsim drive: " + line);
            err.flush();
            return 1;
        }
        Clock clock = Clock.systemUTC();
        LoadRunner runner = LocalRun.Options.loadRunner(loadEngine, clock);
        String name = instance == null || instance.isBlank() ? LoadExport.SERVICE + "-0" : instance;
        out.println("microsim drive: " + scenario.load().size() + " load entries of \"" + scenario.name() + "\" (seed " + scenario.seed() + ") for "
                + scenario.duration().toSeconds() + " s with " + runner.description()
                + (inPod ? " against the Services of namespace " + (namespace == null ? "(this pod's)" : namespace) : "")
                + (otlpBase == null ? "; no --otlp: statistics only in this summary" : "; load events to " + otlpBase));
        out.flush();
        Totals totals = new Totals();
        LoadExport export = otlpBase == null ? null : new LoadExport(otlpBase, name);
        LoadResult result;
        try {
            result = runner.run(plan, export == null ? totals : totals.then(export.sink()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("microsim drive: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            if (export != null) export.close(); // the last interval's events go out before the process ends
        }
        out.printf("microsim drive: done: %d requests, %d errors%s%n", result.requests(), result.errors(), result.stoppedEarly() ? " (stopped early)" : "");
        totals.byTarget.forEach((t, n) -> out.printf("  %s: %d requests, %d errors%n", t, n[0], n[1]));
        out.flush();
        if (export != null && !export.delivered()) {
            err.println("microsim drive: " + export.problem());
            err.flush();
            return 1;
        }
        return 0;
    }

    /** The services the load calls first (every journey's visits included). */
    public static Set<String> entryServices(Scenario scenario) {
        Set<String> out = new LinkedHashSet<>();
        for (LoadSpec spec : scenario.load()) for (EndpointRef r : PlanCompiler.targets(spec.workload())) out.add(r.service());
        return out;
    }

    private Map<String, URI> bases(List<String> problems) {
        Map<String, URI> out = new LinkedHashMap<>();
        for (String item : targets) {
            for (String pair : item.split(",")) {
                String p = pair.trim();
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                if (eq <= 0 || eq == p.length() - 1) {
                    problems.add("--target: expected SERVICE=URL, got \"" + p + "\"");
                    continue;
                }
                String service = p.substring(0, eq);
                try {
                    URI u = new URI(p.substring(eq + 1));
                    if (u.getHost() == null) throw new URISyntaxException(p.substring(eq + 1), "no host");
                    if (out.put(service, u) != null) problems.add("--target: \"" + service + "\" is given twice");
                } catch (URISyntaxException e) {
                    problems.add("--target: not a URL in \"" + p + "\" (" + e.getReason() + ")");
                }
            }
        }
        return out;
    }

    /** Counts per target for the summary, passing every event on. */
    private static final class Totals implements ClientStatsSink {
        final Map<String, long[]> byTarget = new java.util.concurrent.ConcurrentSkipListMap<>();
        private ClientStatsSink next = NONE;

        Totals then(ClientStatsSink next) {
            this.next = next;
            return this;
        }

        @Override
        public void accept(ClientStats s) {
            long[] n = byTarget.computeIfAbsent(s.target(), k -> new long[2]);
            synchronized (n) {
                n[0] += s.requests();
                n[1] += s.errors();
            }
            next.accept(s);
        }

        @Override
        public void loadStarted(java.time.Instant at) {
            next.loadStarted(at);
        }
    }
}
