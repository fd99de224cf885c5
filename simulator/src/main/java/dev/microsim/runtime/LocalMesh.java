package dev.microsim.runtime;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A scenario's mesh running in this JVM: every replica of every service is a real Vert.x HTTP
 * server on 127.0.0.1, calls between services are real HTTP requests. Implements the fault
 * injector's {@link MeshTarget}: effects are interpreted by the replicas, replicas can be killed
 * and started.
 *
 * <pre>
 * try (LocalMesh mesh = LocalMesh.start(scenario, MeshOptions.defaults(seed, sink))) {
 *     URI home = mesh.uri(EndpointRef.parse("frontend GET /home"));
 * }
 * </pre>
 */
public final class LocalMesh implements MeshTarget, AutoCloseable {
    final Scenario scenario;
    final MeshOptions options;
    final Vertx vertx;
    final CpuWork cpu;
    final ActiveEffects effects = new ActiveEffects();
    final ScriptRunner scripts;
    final CallClient calls;
    private final ResourceEffects resourceEffects;
    private final Map<String, ServiceNode> nodes = new LinkedHashMap<>();
    private final Map<Long, Buffer> bodies = new ConcurrentHashMap<>();
    private final boolean ownsVertx;

    private LocalMesh(Scenario scenario, MeshOptions options, Vertx vertx, boolean ownsVertx) {
        this.scenario = scenario;
        this.options = options;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.cpu = new CpuWork(options.cpuThreads());
        this.scripts = new ScriptRunner(this);
        this.calls = new CallClient(this, vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(256).setKeepAlive(true)
                .setTcpNoDelay(true).setMaxWaitQueueSize(-1).setKeepAliveTimeout(30)));
        this.resourceEffects = new ResourceEffects(this);
        for (Service s : scenario.services().values()) {
            ServiceNode node = new ServiceNode(s, options);
            for (int i = 0; i < s.replicas(); i++) node.replicas.add(new ReplicaServer(this, node, i));
            nodes.put(s.name(), node);
        }
    }

    /** Builds the mesh and starts every replica; returns when all listen. */
    public static LocalMesh start(Scenario scenario, MeshOptions options) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        LocalMesh mesh = new LocalMesh(scenario, options, vertx, true);
        try {
            mesh.startAll();
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    private void startAll() {
        // First replica of each service first: it binds the shared service port the others join.
        List<Future<Void>> first = new ArrayList<>();
        for (ServiceNode n : nodes.values()) first.add(n.replicas.get(0).start());
        await(Future.all(first).mapEmpty(), "start replicas");
        List<Future<Void>> rest = new ArrayList<>();
        for (ServiceNode n : nodes.values()) {
            for (int i = 1; i < n.replicas.size(); i++) rest.add(n.replicas.get(i).start());
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

    /** The URL of an entrypoint as load from outside reaches it (the service port). */
    public URI uri(EndpointRef ref) {
        ServiceNode n = node(ref.service());
        if (n.spec.endpoint(ref.endpoint()).isEmpty()) {
            throw new IllegalArgumentException("service \"" + ref.service() + "\" has no endpoint \"" + ref.endpoint() + "\"");
        }
        return URI.create("http://127.0.0.1:" + n.entryPort() + ref.endpoint().path());
    }

    /** The port of one replica (for tests and tools). */
    public int replicaPort(String service, int replica) {
        return replica(service, replica).port();
    }

    public Vertx vertx() {
        return vertx;
    }

    ServiceNode node(String service) {
        ServiceNode n = nodes.get(service);
        if (n == null) throw new IllegalArgumentException("unknown service \"" + service + "\" (services: " + String.join(", ", nodes.keySet()) + ")");
        return n;
    }

    Iterable<ServiceNode> nodes() {
        return nodes.values();
    }

    private ReplicaServer replica(String service, int replica) {
        ServiceNode n = node(service);
        if (replica < 0 || replica >= n.replicas.size()) {
            throw new IllegalArgumentException("service \"" + service + "\" has replicas 0.." + (n.replicas.size() - 1) + ", got " + replica);
        }
        return n.replicas.get(replica);
    }

    /** A body of {@code size} bytes, shared (read-only) between requests of the same size. */
    Buffer body(long size) {
        return bodies.computeIfAbsent(size, s -> Buffer.buffer(new byte[(int) Math.min(s, 64L << 20)]));
    }

    /** A snapshot of the live state that the metrics sampler and progress display read. */
    public MeshSampler sampler() {
        return new MeshSampler(this);
    }

    // ---------------------------------------------------------------- MeshTarget

    @Override
    public Clock clock() {
        return options.clock();
    }

    @Override
    public int replicas(String service) {
        return node(service).replicas.size();
    }

    @Override
    public EffectHandle apply(Effect effect) {
        if (!nodes.containsKey(effect.scope().service())) {
            throw new IllegalStateException("cannot apply " + effect.getClass().getSimpleName() + ": unknown service \""
                    + effect.scope().service() + "\"");
        }
        effect.scope().caller().ifPresent(c -> {
            if (!nodes.containsKey(c)) throw new IllegalStateException("cannot apply " + effect.getClass().getSimpleName() + ": unknown caller \"" + c + "\"");
        });
        InstalledEffect[] self = new InstalledEffect[1];
        Runnable stopResources = resourceEffects.start(effect);
        self[0] = new InstalledEffect(effect, options.clock(), () -> {
            effects.remove(self[0]);
            stopResources.run();
            if (effect instanceof Effect.HoldSlots) pumpAll(effect.scope().service());
        });
        effects.add(self[0]);
        return self[0];
    }

    private void pumpAll(String service) {
        for (ReplicaServer r : node(service).replicas) r.context.runOnContext(v -> r.pump());
    }

    @Override
    public Instant killReplica(String service, int replica) {
        await(replica(service, replica).kill(), "kill " + service + "-" + replica);
        return options.clock().instant();
    }

    @Override
    public Instant startReplica(String service, int replica) {
        ReplicaServer r = replica(service, replica);
        if (r.up()) return options.clock().instant();
        await(r.start(), "start " + service + "-" + replica);
        r.node.stats.restarted();
        return options.clock().instant();
    }

    @Override
    public void close() {
        resourceEffects.close();
        for (ServiceNode n : nodes.values()) for (ReplicaServer r : n.replicas) r.close();
        for (ServiceNode n : nodes.values()) n.closeOtel();
        cpu.close();
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("closing Vert.x failed: " + e.getMessage(), e);
            }
        }
    }
}
