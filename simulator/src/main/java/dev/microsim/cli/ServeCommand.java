package dev.microsim.cli;

import dev.microsim.cluster.PodExport;
import dev.microsim.cluster.PodRuntime;
import dev.microsim.cluster.PodSettings;
import dev.microsim.cluster.ServiceAddresses;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.runtime.CalleeLookup;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.TelemetrySink;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code microsim serve}: the program of a Kubernetes pod (docs/kubernetes.md, "The pod runtime").
 * Every flag has the environment variable the rendered Deployment sets as its default, so the
 * container's arguments stay short.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run one service of a scenario as one pod (Kubernetes mode).",
            "Its endpoints over real HTTP on --port, health probes and the fault control endpoint on --control-port.",
            "Runs until SIGTERM (graceful: readiness DOWN, faults removed, ports closed)."})
public final class ServeCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "MICROSIM_CONTROL_TOKEN";
    static final String CALLEES_ENV = "MICROSIM_CALLEES";

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "scenario YAML (in a pod: the mounted ConfigMap)")
    Path scenarioFile;

    @Option(names = "--service", paramLabel = "NAME", defaultValue = "${env:MICROSIM_SERVICE}",
            description = "the service this pod runs (default: $MICROSIM_SERVICE)")
    String service;

    @Option(names = "--instance", paramLabel = "NAME", defaultValue = "${env:POD_NAME}",
            description = "service.instance.id in telemetry: the replica's name (default: $POD_NAME, else SERVICE-0)")
    String instance;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "the service's HTTP port (default ${DEFAULT-VALUE}; 0: a free port on 127.0.0.1)")
    int port;

    @Option(names = "--control-port", paramLabel = "PORT", defaultValue = "9090",
            description = "health probes and fault control (default ${DEFAULT-VALUE}; 0: a free port on 127.0.0.1)")
    int controlPort;

    @Option(names = "--callee", paramLabel = "NAME=HOST:PORT",
            description = "where a callee listens (repeatable, or comma-separated; also $MICROSIM_CALLEES); others: NAME:8080, the Kubernetes Service")
    List<String> callees = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "file holding the control endpoint's bearer token (default: $MICROSIM_CONTROL_TOKEN, from the Secret)")
    Path tokenFile;

    @Option(names = "--otlp", paramLabel = "URL", defaultValue = "${env:OTEL_EXPORTER_OTLP_ENDPOINT}",
            description = "OTLP/HTTP base URL (the collector, or a recorder's receiver) for spans, metrics and logs (default: $OTEL_EXPORTER_OTLP_ENDPOINT; none: no telemetry leaves the pod)")
    String otlp;

    @Option(names = "--stop-with-parent",
            description = "stop (gracefully) when stdin closes: for a supervisor on the same machine, so its pods end when it dies, even by SIGKILL")
    boolean stopWithParent;

    @Spec
    CommandSpec spec;

    /** What the flags say to run: the pod's settings and where its telemetry goes (null: nowhere). */
    public record Plan(PodSettings settings, URI otlp, boolean stopWithParent) {}

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        Plan plan = plan(problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("microsim serve: " + p));
            err.flush();
            return 1;
        }
        return serve(plan.settings(), plan.otlp(), out, err);
    }

    /**
     * The flags (and their environment defaults) checked, every problem added to {@code problems};
     * null if there is any. Also what the Quarkus pod runtime (module serve) starts from.
     */
    public Plan plan(List<String> problems) {
        ParseResult parsed = Scenarios.parser().parse(scenarioFile);
        if (!parsed.ok()) problems.addAll(parsed.lines());
        if (service == null || service.isBlank()) {
            problems.add("--service is required (or set MICROSIM_SERVICE)");
        } else if (parsed.ok() && parsed.orThrow().service(service).isEmpty()) {
            problems.add("--service: no service \"" + service + "\" in " + scenarioFile + " (services: "
                    + String.join(", ", parsed.orThrow().services().keySet()) + ")");
        }
        if (port < 0 || port > 65535) problems.add("--port must be 0..65535, got " + port);
        if (controlPort < 0 || controlPort > 65535) problems.add("--control-port must be 0..65535, got " + controlPort);
        if (port != 0 && port == controlPort) problems.add("--port and --control-port must differ, both are " + port);
        Map<String, CalleeLookup.Address> addresses = Map.of();
        List<String> pairs = new ArrayList<>(callees);
        String fromEnv = System.getenv(CALLEES_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) pairs.add(fromEnv);
        try {
            addresses = ServiceAddresses.parse("--callee", pairs);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String token = token(problems);
        URI otlpBase = otlpBase(problems);
        PodSettings settings = null;
        if (problems.isEmpty()) {
            try {
                settings = new PodSettings(parsed.orThrow(), service, instance, port, controlPort, addresses, token);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? new Plan(settings, otlpBase, stopWithParent) : null;
    }

    /** The parent holds our stdin's pipe: end of input means it is gone, and exit runs the graceful shutdown hook. */
    public static void watchStdin() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is sent on this pipe; only its end matters.
                }
            } catch (IOException e) {
                // A broken pipe is the parent gone as well.
            }
            System.exit(0);
        }, "microsim-serve-parent");
        t.setDaemon(true);
        t.start();
    }

    private URI otlpBase(List<String> problems) {
        return otlpBase(otlp, problems);
    }

    /** An OTLP/HTTP base URL flag ({@code --otlp}) of serve and drive: null when not given; a bad one is a problem, with the value. */
    static URI otlpBase(String otlp, List<String> problems) {
        if (otlp == null || otlp.isBlank()) return null;
        try {
            URI u = new URI(otlp.trim());
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                problems.add("--otlp: expected an http(s)://HOST:PORT URL, got \"" + otlp + "\"");
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            problems.add("--otlp: not a URL: \"" + otlp + "\" (" + e.getReason() + ")");
            return null;
        }
    }

    private String token(List<String> problems) {
        String token;
        String from;
        if (tokenFile != null) {
            from = "--token-file " + tokenFile;
            try {
                token = Files.readString(tokenFile).trim();
            } catch (IOException e) {
                problems.add(from + ": cannot read it: " + e.getMessage());
                return null;
            }
        } else {
            from = "$" + TOKEN_ENV;
            token = System.getenv(TOKEN_ENV);
            if (token == null || token.isBlank()) {
                problems.add("no control token: set " + TOKEN_ENV + " or give --token-file (the Secret microsim-control in a cluster)");
                return null;
            }
            token = token.trim();
        }
        if (token.length() < 16) problems.add(from + ": the control token must have at least 16 characters, it has " + token.length());
        return token;
    }

    private int serve(PodSettings settings, URI otlpBase, PrintWriter out, PrintWriter err) throws InterruptedException {
        Scenario scenario = settings.scenario();
        MeshOptions options = MeshOptions.defaults(scenario.seed(), TelemetrySink.NONE);
        PodExport export = otlpBase == null ? null : new PodExport(otlpBase, scenario.interval(), options.clock());
        if (export != null) options = export.apply(options);
        PodRuntime pod;
        try {
            pod = PodRuntime.start(settings, options);
        } catch (RuntimeException e) {
            if (export != null) export.close();
            err.println("microsim serve: " + settings.service() + " could not start: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pod.close(); // closing the mesh flushes and shuts down its exporters
            } finally {
                if (export != null) export.close();
                stopped.countDown();
            }
        }, "microsim-serve-shutdown"));
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("microsim serve: %s as %s ready: service http://%s:%d, control http://%s:%d (%d ms after the JVM started)%n",
                settings.service(), settings.instance(), PodRuntime.bindHost(port), pod.servicePort(), PodRuntime.bindHost(controlPort), pod.controlPort(), sinceJvmStart);
        out.flush();
        if (stopWithParent) watchStdin();
        stopped.await();
        return 0;
    }
}
