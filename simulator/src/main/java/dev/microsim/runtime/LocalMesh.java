package dev.microsim.runtime;

import dev.microsim.engine.Behaviour;
import dev.microsim.engine.MeshModel;
import dev.microsim.engine.MeshSampler;
import dev.microsim.engine.ReplicaInterpreter;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.load.PlanCompiler;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A scenario's mesh in the live engine: every replica of every hosted service is a real Vert.x HTTP
 * server ({@link ReplicaServer}) whose requests the engine-neutral {@link ReplicaInterpreter} serves;
 * calls between services are real HTTP requests. Implements the fault injector's {@link MeshTarget}:
 * effects are installed in the shared {@link MeshModel}, replicas can be killed and started.
 *
 * <pre>
 * try (LocalMesh mesh = LocalMesh.start(scenario, MeshOptions.defaults(seed, sink))) {
 *     URI home = mesh.uri(EndpointRef.parse("frontend GET /home"));
 * }
 * </pre>
 *
 * <p>By default the whole mesh runs in this JVM on its own Vert.x. {@link LiveHosting} narrows it to
 * some services on a given Vert.x (a Kubernetes pod: one service on Quarkus's Vert.x, callees found
 * by {@link CalleeLookup}).
 */
public final class LocalMesh implements MeshTarget, AutoCloseable {
    final Scenario scenario;
    final MeshOptions options;
    final Vertx vertx;
    final CpuWork cpu;
    final HttpClient client;
    final MeshModel model;
    private final LiveHosting hosting;
    private final Map<String, LiveService> services = new LinkedHashMap<>();
    private final Map<Long, Buffer> bodies = new ConcurrentHashMap<>();
    private final boolean ownsVertx;
    /** The one port calls between services go to in shared-listener mode; null when every replica has its own. */
    private final SharedListener shared;

    private LocalMesh(Scenario scenario, MeshOptions options, LiveHosting hosting, Vertx vertx, boolean ownsVertx) {
        this.scenario = scenario;
        this.options = options;
        this.hosting = hosting;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.cpu = new CpuWork(options.cpuThreads());
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(256).setKeepAlive(true)
                .setTcpNoDelay(true).setMaxWaitQueueSize(-1).setKeepAliveTimeout(30));
        this.model = new MeshModel(scenario, new Behaviour(options.seed(), options.accessLogShare(), options.discoveryDelay(),
                options.oomRestartDelay()), options.clock(), this::killAndRestart);
        for (String name : hosting.services()) {
            if (scenario.service(name).isEmpty()) {
                throw new IllegalArgumentException("cannot host unknown service \"" + name + "\" (services: " + String.join(", ", scenario.services().keySet()) + ")");
            }
        }
        int hostedReplicas = scenario.services().values().stream().filter(s -> hosting.hosts(s.name())).mapToInt(Service::replicas).sum();
        boolean share = hosting.port() == 0 && (options.listeners() == MeshOptions.Listeners.SHARED
                || options.listeners() == MeshOptions.Listeners.AUTO && hostedReplicas >= MeshOptions.SHARED_FROM);
        this.shared = share ? new SharedListener(this) : null;
        Set<String> loadTargets = loadTargets(scenario);
        for (Service s : scenario.services().values()) {
            if (!hosting.hosts(s.name())) continue;
            LiveService service = new LiveService(model, s, options, hosting.port(), hosting.instance());
            int own = s.replicas() == 1 ? hosting.port() : 0;
            boolean ownPort = !share || loadTargets.contains(s.name());
            for (int i = 0; i < s.replicas(); i++) service.replicas.add(new ReplicaServer(this, service, i, own, ownPort));
            services.put(s.name(), service);
        }
    }

    /** Builds the whole mesh on its own Vert.x and starts every replica; returns when all listen. */
    public static LocalMesh start(Scenario scenario, MeshOptions options) {
        return start(scenario, options, LiveHosting.ALL_IN_THIS_JVM);
    }

    /** Builds the services {@code hosting} names on its Vert.x (or an own one) and starts them; returns when all listen. */
    public static LocalMesh start(Scenario scenario, MeshOptions options, LiveHosting hosting) {
        boolean own = hosting.vertx() == null;
        Vertx vertx = own ? Vertx.vertx(new VertxOptions().setPreferNativeTransport(false)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)) : hosting.vertx();
        LocalMesh mesh;
        try {
            mesh = new LocalMesh(scenario, options, hosting, vertx, own);
        } catch (RuntimeException e) {
            if (own) vertx.close();
            throw e;
        }
        try {
            mesh.startAll();
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    /** Services the scenario's load sends to: they keep ports of their own, for the load from outside. */
    private static Set<String> loadTargets(Scenario scenario) {
        Set<String> out = new HashSet<>();
        for (LoadSpec spec : scenario.load()) for (EndpointRef t : PlanCompiler.targets(spec.workload())) out.add(t.service());
        return out;
    }

    private void startAll() {
        if (shared != null) await(shared.start(2 * Runtime.getRuntime().availableProcessors()), "start the shared listener");
        // First replica of each service first: it binds the shared service port the others join.
        List<Future<Void>> first = new ArrayList<>();
        for (LiveService s : services.values()) first.add(s.replicas.get(0).start());
        await(Future.all(first).mapEmpty(), "start replicas");
        List<Future<Void>> rest = new ArrayList<>();
        for (LiveService s : services.values()) {
            for (int i = 1; i < s.replicas.size(); i++) rest.add(s.replicas.get(i).start());
        }
        await(Future.all(rest).mapEmpty(), "start replicas");
    }

    private static <T> T await(Future<T> f, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- for the CLI, load and tests

    public Scenario scenario() {
        return scenario;
    }

    /**
     * The URL of an entrypoint as load from outside reaches it (the service port). In shared-listener
     * mode only load targets have one; any service is reachable at {@link #sharedPort()} with the
     * {@value SharedListener#ROUTE} header naming it.
     */
    public URI uri(EndpointRef ref) {
        LiveService s = service(ref.service());
        if (s.state.spec().endpoint(ref.endpoint()).isEmpty()) {
            throw new IllegalArgumentException("service \"" + ref.service() + "\" has no endpoint \"" + ref.endpoint() + "\"");
        }
        if (!s.replicas.get(0).ownPort()) {
            throw new IllegalArgumentException("service \"" + ref.service() + "\" is no load target and listens on no port of its own (shared-listener mode): "
                    + "send to 127.0.0.1:" + sharedPort() + " with header " + SharedListener.ROUTE + ": " + ref.service());
        }
        return URI.create("http://127.0.0.1:" + s.entryPort() + ref.endpoint().path());
    }

    /** The port of one replica (for tests and tools). */
    public int replicaPort(String service, int replica) {
        return replica(service, replica).port();
    }

    public Vertx vertx() {
        return vertx;
    }

    LiveHosting hosting() {
        return hosting;
    }

    /** The engine-neutral state: services, replicas' interpreters, effects in force. */
    public MeshModel model() {
        return model;
    }

    /** Where a call to {@code service} goes: a round-robin replica if hosted here, else the hosting's remote lookup. */
    CalleeLookup.Address locate(String service) {
        LiveService s = services.get(service);
        if (s == null) {
            if (hosting.remote() == null) throw new IllegalStateException("no route to service \"" + service + "\": not hosted here and no remote lookup");
            return hosting.remote().locate(service);
        }
        ReplicaInterpreter r = s.state.pick(System.nanoTime());
        if (shared != null) return new CalleeLookup.Address("127.0.0.1", shared.port(), service + "/" + r.index());
        return new CalleeLookup.Address("127.0.0.1", s.server(r).port());
    }

    /** The port the shared listener serves every hosted service on; 0 when every replica has its own. */
    public int sharedPort() {
        return shared == null ? 0 : shared.port();
    }

    /** The replica a shared-listener route names: {@code service/replica}, or {@code service} (round robin over those up). */
    ReplicaServer routed(String route) {
        int slash = route.indexOf('/');
        LiveService s = services.get(slash < 0 ? route : route.substring(0, slash));
        if (s == null) return null;
        if (slash < 0) return s.server(s.state.pick(Long.MAX_VALUE / 2));
        try {
            int i = Integer.parseInt(route.substring(slash + 1));
            return i >= 0 && i < s.replicas.size() ? s.replicas.get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Where hosted replicas listen: loopback in one JVM, every interface in a pod (its port is the container port). */
    String bindHost() {
        return hosting.port() != 0 && hosting.remote() != null ? "0.0.0.0" : "127.0.0.1";
    }

    private LiveService service(String name) {
        LiveService s = services.get(name);
        if (s == null) throw new IllegalArgumentException("unknown service \"" + name + "\" (services: " + String.join(", ", services.keySet()) + ")");
        return s;
    }

    private ReplicaServer replica(String service, int replica) {
        LiveService s = service(service);
        if (replica < 0 || replica >= s.replicas.size()) {
            throw new IllegalArgumentException("service \"" + service + "\" has replicas 0.." + (s.replicas.size() - 1) + ", got " + replica);
        }
        return s.replicas.get(replica);
    }

    /** A body of {@code size} bytes, shared (read-only) between requests of the same size. */
    Buffer body(long size) {
        return bodies.computeIfAbsent(size, s -> Buffer.buffer(new byte[(int) Math.min(s, Limits.MAX_BODY.bytes())]));
    }

    /** A snapshot of the live state that the metrics sampler and progress display read. */
    public MeshSampler sampler() {
        return model.sampler();
    }

    // ---------------------------------------------------------------- MeshTarget

    @Override
    public Clock clock() {
        return options.clock();
    }

    @Override
    public int replicas(String service) {
        return scenario.service(service).map(Service::replicas)
                .orElseThrow(() -> new IllegalArgumentException("unknown service \"" + service + "\""));
    }

    @Override
    public EffectHandle apply(Effect effect) {
        return model.apply(effect);
    }

    @Override
    public Instant killReplica(String service, int replica) {
        await(replica(service, replica).kill(), "kill " + service + "-" + replica);
        return options.clock().instant();
    }

    @Override
    public Instant startReplica(String service, int replica) {
        ReplicaServer r = replica(service, replica);
        if (r.interpreter.up()) return options.clock().instant();
        await(r.start(), "start " + service + "-" + replica);
        r.service.state.stats().restarted();
        return options.clock().instant();
    }

    /** The OOM killer's restart, off the event loop (kill and start wait for the replica's context). */
    private void killAndRestart(String service, int replica, Duration delay) {
        vertx.executeBlocking(() -> {
            killReplica(service, replica);
            Thread.sleep(delay.toMillis());
            return startReplica(service, replica);
        }, false);
    }

    @Override
    public void close() {
        model.close();
        if (shared != null) shared.close();
        for (LiveService s : services.values()) for (ReplicaServer r : s.replicas) r.close();
        for (LiveService s : services.values()) s.closeOtel();
        cpu.close();
        client.close();
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("closing Vert.x failed: " + e.getMessage(), e);
            }
        }
    }
}
