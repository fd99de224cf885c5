package dev.microsim.cluster;

import dev.microsim.faults.kinds.Applied;
import dev.microsim.faults.kinds.Fault;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.kinds.Injection;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.kubernetes.chaos.ChaosMeshMechanism;
import dev.microsim.kubernetes.control.PodControlMesh;
import dev.microsim.kubernetes.control.PodRef;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cluster on this machine: every replica of every service is its own {@code microsim serve}
 * process (its own JVM) on 127.0.0.1, each service has one address that balances over its pods
 * ({@link ServiceProxy}, what a Kubernetes Service is), and the load is a {@code microsim drive}
 * process, exactly the programs a cluster's pods and load Job run. Faults go to the pods' control
 * endpoints ({@link PodControlMesh}); Chaos Mesh has no place here. The pods stop with this JVM,
 * even when it is killed: each watches its stdin, a pipe from here ({@code serve --stop-with-parent}).
 */
public final class LoopbackCluster implements Cluster {
    static final Pattern READY = Pattern.compile("service http://[^:]+:(\\d+), control http://[^:]+:(\\d+)");
    /** Both JITs, a small heap: a pod here is one replica of a small simulated service. */
    public static final List<String> DEFAULT_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC");

    /**
     * How long the pods are warmed up once ready ({@link MeshWarmUp}): at least {@code min}, at most
     * {@code max}; {@link #NONE} for none.
     */
    public record WarmUp(Duration min, Duration max) {
        public static final WarmUp NONE = new WarmUp(Duration.ZERO, Duration.ZERO);
        /** Measured on Online Boutique (docs/kubernetes.md): its 14 cold pods were steady after 10-20 s. */
        public static final WarmUp DEFAULT = new WarmUp(Duration.ofSeconds(5), Duration.ofSeconds(40));

        public WarmUp {
            if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("warm-up: need 0 <= min <= max, got min " + min + ", max " + max);
            }
        }
    }

    private final List<String> jvm;
    private final PodProgram program;
    private final WarmUp warmUp;
    private volatile java.time.Instant warmedUntil;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private final Map<String, ServiceProxy> addresses = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every process started, so that close (maybe from a shutdown hook, during start-up) stops them all. */
    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Map<String, List<Pod>> pods = Map.of();
    private volatile Scenario scenario;
    private volatile Path scenarioFile;
    private volatile Path work;
    private volatile Vertx vertx;

    /** One pod: its process, log, and where it listens once ready. */
    record Pod(String service, String name, Process process, Path log, int port, int control) {}

    /** Pods of the plain serve with these JVM options, warmed up ({@link WarmUp#DEFAULT}) before the run. */
    public LoopbackCluster(List<String> jvmOptions) {
        this(jvmOptions, WarmUp.DEFAULT);
    }

    /** Pods of the plain serve from this JVM's classpath. */
    public LoopbackCluster(List<String> jvmOptions, WarmUp warmUp) {
        this(jvmOptions, PodProgram.plain(), warmUp);
    }

    /** Pods (and the load) running {@code program} ({@link PodProgram#resolve}: the Quarkus serve where it is built). */
    public LoopbackCluster(List<String> jvmOptions, PodProgram program, WarmUp warmUp) {
        this.jvm = List.copyOf(jvmOptions);
        this.program = program;
        this.warmUp = warmUp;
    }

    @Override
    public String mode() {
        return "pods";
    }

    @Override
    public void up(Scenario scenario, Path scenarioFile, URI otlp, Duration timeout, Consumer<String> progress) throws InterruptedException {
        this.scenario = scenario;
        this.scenarioFile = scenarioFile;
        try {
            work = Files.createTempDirectory("microsim-pods-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the pods' logs: " + e.getMessage(), e);
        }
        progress.accept("microsim: the pods run " + program.name());
        vertx = Vertx.vertx();
        for (String s : scenario.services().keySet()) addresses.put(s, ServiceProxy.start(vertx, s));
        String callees = String.join(",", addresses.entrySet().stream().map(e -> e.getKey() + "=127.0.0.1:" + e.getValue().port()).toList());
        // Every pod at once, as a Deployment rolls them out: callers find callees through the addresses, whichever is up first.
        Map<String, Launched> starting = new LinkedHashMap<>();
        Map<String, List<Pod>> ready = new LinkedHashMap<>();
        for (Service s : scenario.services().values()) {
            for (int r = 0; r < s.replicas(); r++) {
                String name = s.name() + "-" + r;
                Path log = work.resolve(name + ".log");
                List<String> cmd = java();
                cmd.addAll(List.of("serve", "--scenario", scenarioFile.toString(), "--service", s.name(), "--instance", name, "--port", "0",
                        "--control-port", "0", "--callee", callees, "--otlp", otlp.toString(), "--stop-with-parent"));
                starting.put(name, new Launched(s.name(), name, start(cmd, log), log));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int total = starting.size();
        String last = "";
        while (!starting.isEmpty()) {
            for (var it = starting.values().iterator(); it.hasNext(); ) {
                Launched l = it.next();
                Matcher m = READY.matcher(read(l.log()));
                if (m.find()) {
                    Pod pod = new Pod(l.service(), l.name(), l.process(), l.log(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    ready.computeIfAbsent(l.service(), k -> new ArrayList<>()).add(pod);
                    addresses.get(l.service()).add(pod.port());
                    it.remove();
                } else if (!l.process().isAlive()) {
                    throw new IllegalStateException("pod " + l.name() + " exited (" + l.process().exitValue() + ") before it was ready: " + tail(l.log()));
                }
            }
            String now = (total - starting.size()) + "/" + total + " pods ready";
            if (!now.equals(last) && !starting.isEmpty()) {
                progress.accept("microsim: " + now + "; waiting for " + String.join(", ", starting.keySet()));
                last = now;
            }
            if (starting.isEmpty()) break;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pods were not ready after " + timeout.toSeconds() + " s: " + (total - starting.size()) + " of "
                        + total + " ready; not ready: " + String.join(", ", starting.keySet()));
            }
            Thread.sleep(50);
        }
        Map<String, List<Pod>> sorted = new LinkedHashMap<>();
        ready.forEach((s, list) -> sorted.put(s, list.stream().sorted(Comparator.comparing(Pod::name)).toList()));
        pods = sorted;
        progress.accept("microsim: " + total + "/" + total + " pods ready");
        if (!warmUp.max().isZero()) {
            MeshWarmUp.run(scenario, addresses(), warmUp.min(), warmUp.max(), progress);
            warmControlEndpoints();
        }
        warmedUntil = java.time.Instant.now();
    }

    @Override
    public java.time.Instant warmedUntil() {
        return warmUp.max().isZero() ? null : warmedUntil;
    }

    /**
     * A few reads of every pod's fault control endpoint, so that the first fault does not wait for a
     * cold pod to load and compile that path (on a loaded machine a fault reached its pod 13-17 s late).
     */
    private void warmControlEndpoints() throws InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (List<Pod> list : pods.values()) {
            for (Pod p : list) {
                for (int i = 0; i < 20; i++) {
                    try {
                        client.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.control() + "/effects"))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        break; // a pod that does not answer here will fail its fault loudly, with the reason
                    }
                }
            }
        }
    }

    private record Launched(String service, String name, Process process, Path log) {}

    /** Where the services' addresses are: {@code NAME=127.0.0.1:PORT}, as drive's --target and serve's --callee take them. */
    public Map<String, Integer> addresses() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : scenario.services().keySet()) out.put(s, addresses.get(s).port());
        return out;
    }

    /** The pods, by service, in replica order (empty until every pod is ready). */
    public Map<String, List<Pod>> pods() {
        return pods;
    }

    public String token() {
        return token;
    }

    @Override
    public MeshTarget mesh(Clock clock) {
        return new PodControlMesh(scenario, service -> pods().getOrDefault(service, List.of()).stream()
                .map(p -> new PodRef(p.name(), URI.create("http://127.0.0.1:" + p.control()))).toList(), () -> token, clock);
    }

    /** The fault's own effects, sent to the pods' control endpoints by the mesh ({@link PodControlMesh}). */
    static final FaultMechanism CONTROL_ENDPOINTS = new FaultMechanism() {
        @Override
        public String name(Fault fault, Injection in) {
            return ChaosMeshMechanism.CONTROL_ENDPOINT;
        }

        @Override
        public Applied inject(Fault fault, Injection in, Instant plannedEnd) {
            return fault.inject(in);
        }
    };

    @Override
    public FaultMechanism mechanism(Clock clock) {
        return CONTROL_ENDPOINTS;
    }

    @Override
    public String drive(URI otlp, Duration timeout) throws InterruptedException {
        List<String> cmd = java();
        cmd.addAll(List.of("drive", "--scenario", scenarioFile.toString(), "--otlp", otlp.toString(), "--instance", "microsim-load-0"));
        Map<String, Integer> at = addresses();
        for (String entry : dev.microsim.cli.DriveCommand.entryServices(scenario)) cmd.addAll(List.of("--target", entry + "=http://127.0.0.1:" + at.get(entry)));
        Path log = work.resolve("microsim-load.log");
        Process p = start(cmd, log);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the load (microsim drive) did not end within " + timeout.toSeconds() + " s: " + tail(log));
            }
        } catch (InterruptedException e) {
            stop(p);
            throw e;
        } finally {
            if (p.isAlive()) stop(p);
        }
        if (p.exitValue() != 0) throw new IllegalStateException("the load (microsim drive) failed (exit " + p.exitValue() + "): " + tail(log));
        return tail(log);
    }

    /** This JVM's java, the pods' JVM options and the program; the command's own arguments follow. */
    private List<String> java() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(program.launch());
        return cmd;
    }

    private Process start(List<String> cmd, Path log) {
        if (closed.get()) throw new IllegalStateException("the pods are being stopped");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MICROSIM_CONTROL_TOKEN", token);
        for (String v : List.of("POD_NAME", "POD_NAMESPACE", "MICROSIM_CALLEES", "MICROSIM_SERVICE", "OTEL_EXPORTER_OTLP_ENDPOINT", "KUBERNETES_SERVICE_HOST")) {
            pb.environment().remove(v);
        }
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of a process's output, for an error message. */
    static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM to every pod (graceful: each flushes its telemetry), then what remains is killed; addresses closed, logs deleted. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (Process p : processes) p.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process p : processes) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (ServiceProxy a : addresses.values()) a.close();
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("closing the services' addresses: " + e.getMessage(), e);
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the pods' logs in " + work + ": " + e.getMessage(), e);
            }
        }
    }
}
