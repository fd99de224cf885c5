package dev.microsim.kubernetes.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.control.PodControlEndpoint;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.kubernetes.MeshFixture;
import dev.microsim.kubernetes.chaos.ChaosMeshMechanism;
import dev.microsim.kubernetes.chaos.ChaosResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults Chaos Mesh does not express go through the pods' control endpoints: each pod of the
 * mesh runs a real {@link PodControlEndpoint} on 127.0.0.1 over a recording runtime; the injector
 * sends every effect to the pods that must act on it and removes it from them at recovery.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PodControlTest {
    static final String TOKEN = "0123456789abcdef0123";
    static KubernetesClient client;
    static Vertx vertx;
    static final Map<String, Recording> runtimes = new LinkedHashMap<>();
    static final Map<String, Integer> ports = new LinkedHashMap<>();
    static final List<HttpServer> servers = new ArrayList<>();

    /** What a pod's runtime was asked to do: effects installed now, and every call. */
    static final class Recording implements MeshTarget {
        final String service;
        volatile boolean refuseSlots;
        final List<Effect> active = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        Recording(String service) {
            this.service = service;
        }

        public Clock clock() {
            return Clock.systemUTC();
        }

        public int replicas(String s) {
            return 1;
        }

        public EffectHandle apply(Effect effect) {
            if (effect instanceof Effect.HoldSlots && refuseSlots) throw new IllegalStateException("no slots to hold here");
            active.add(effect);
            calls.add("apply " + effect.getClass().getSimpleName());
            Instant at = Instant.now();
            return new EffectHandle() {
                public Instant appliedAt() {
                    return at;
                }

                public Instant remove() {
                    active.remove(effect);
                    calls.add("remove " + effect.getClass().getSimpleName());
                    return Instant.now();
                }
            };
        }

        public Instant killReplica(String s, int r) {
            calls.add("kill " + s + "/" + r);
            return Instant.now();
        }

        public Instant startReplica(String s, int r) {
            calls.add("start " + s + "/" + r);
            return Instant.now();
        }
    }

    @BeforeAll
    static void podsWithControlEndpoints() throws Exception {
        vertx = Vertx.vertx();
        for (String[] pod : new String[][] {{"front", "front-7d9c-a"}, {"mid", "mid-5f2b-a"}, {"mid", "mid-5f2b-b"}, {"db", "db-66c1-a"}}) {
            Recording r = new Recording(pod[0]);
            HttpServer s = vertx.createHttpServer().requestHandler(new PodControlEndpoint(vertx, () -> r, pod[0], TOKEN));
            s.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            servers.add(s);
            runtimes.put(pod[1], r);
            ports.put(pod[1], s.actualPort());
        }
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    FaultInjector injector(MeshFixture mesh, String faults) {
        var scenario = MeshFixture.scenario(faults);
        PodDirectory inCluster = new KubernetesPodDirectory(client, MeshFixture.NS, scenario.name());
        PodDirectory loopback = service -> inCluster.pods(service).stream()
                .map(p -> new PodRef(p.name(), URI.create("http://127.0.0.1:" + ports.get(p.name())))).toList();
        var chaos = new ChaosResources(client, MeshFixture.NS, scenario.name(), loopback, mesh.clock, Duration.ZERO);
        return new FaultInjector(scenario, new PodControlMesh(scenario, loopback, () -> TOKEN, mesh.clock),
                new ChaosMeshMechanism(chaos, FaultMechanism.IN_PROCESS, mesh.clock), FaultCatalog.standard(), mesh.start, null, mesh.labels::add);
    }

    private static List<String> active(String pod) {
        return runtimes.get(pod).active.stream().map(e -> e.getClass().getSimpleName() + " " + e.scope().service()
                + e.scope().caller().map(c -> " from " + c).orElse("") + e.scope().replicas().map(r -> " replicas " + r).orElse("")).toList();
    }

    @Test
    void serverSideEffectsGoToTheTargetsPodsAndCallSideEffectsToItsCallersPods() {
        MeshFixture mesh = new MeshFixture(client, null);
        String faults = "faults:\n"
                + "  - {id: ex, kind: exception, target: {service: mid, replicas: [1]}, at: 1s, duration: 5s}\n"
                + "  - {id: storm, kind: retry-storm, target: db, at: 1s, duration: 5s, retries: 3}\n";
        try (FaultInjector f = injector(mesh, faults)) {
            mesh.advanceTo(f, Duration.ofSeconds(1));
            // exception on replica 1 of mid: the second pod by name, and only there (the replica index is resolved, so stripped)
            assertThat(active("mid-5f2b-b")).contains("Abort mid").doesNotContain("Abort mid replicas [1]");
            assertThat(active("mid-5f2b-a")).doesNotContain("Abort mid");
            // retry-storm on db: the callers of db (mid) retry; db fails a share of its requests
            assertThat(active("mid-5f2b-a")).contains("Retries db");
            assertThat(active("mid-5f2b-b")).contains("Retries db");
            assertThat(active("db-66c1-a")).containsExactly("Abort db");
            assertThat(active("front-7d9c-a")).isEmpty();
            assertThat(mesh.chaos()).as("nothing for Chaos Mesh").isEmpty();
            mesh.advanceTo(f, Duration.ofSeconds(6));
            runtimes.keySet().forEach(pod -> assertThat(active(pod)).as(pod + " after recovery").isEmpty());
        }
        assertThat(mesh.labels.get(mesh.labels.size() - 1).mechanism()).isEqualTo("control-endpoint");
    }

    @Test
    void aRequestShareOrAShapeChaosMeshCannotExpressFallsBackToTheControlEndpoints() {
        MeshFixture mesh = new MeshFixture(client, null);
        String faults = "faults:\n"
                + "  - {id: half, kind: http-error, target: {service: db, share: 0.5}, at: 1s, duration: 5s}\n"
                + "  - {id: slow, kind: latency, target: {service: db, caller: mid}, at: 1s, duration: 5s, delay: {lognormal: {median: 40ms, p99: 120ms}}}\n";
        try (FaultInjector f = injector(mesh, faults)) {
            mesh.advanceTo(f, Duration.ofSeconds(1));
            assertThat(active("db-66c1-a")).containsExactly("Abort db");
            assertThat(active("mid-5f2b-a")).containsExactly("CallDelay db from mid");
            assertThat(mesh.chaos()).isEmpty();
        }
        runtimes.keySet().forEach(pod -> assertThat(active(pod)).as(pod + " after close").isEmpty());
        assertThat(mesh.labels).extracting(l -> l.mechanism()).containsOnly("control-endpoint");
    }

    @Test
    void anEffectOnePodRefusesIsRolledBackOnTheOthersAndFailsTheFault() {
        MeshFixture mesh = new MeshFixture(client, null);
        runtimes.get("mid-5f2b-b").refuseSlots = true;
        try (FaultInjector f = injector(mesh, "faults:\n  - {id: pool, kind: pool-exhaustion, target: mid, at: 1s, duration: 5s, slots: 5000}\n")) {
            assertThatThrownBy(() -> mesh.advanceTo(f, Duration.ofSeconds(1))).hasMessageContaining("fault \"pool\"")
                    .hasMessageContaining("pod mid-5f2b-b").hasMessageContaining("answered 500: the runtime refused the effect: no slots to hold here");
        } catch (RuntimeException closeRethrows) {
            assertThat(closeRethrows).hasMessageContaining("the fault schedule failed");
        }
        runtimes.get("mid-5f2b-b").refuseSlots = false;
        assertThat(runtimes.get("mid-5f2b-a").calls).as("installed on the first pod, then rolled back").containsSubsequence("apply HoldSlots", "remove HoldSlots");
        assertThat(active("mid-5f2b-a")).isEmpty();
        assertThat(active("mid-5f2b-b")).isEmpty();
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("db-66c1-a") + "/effects"))
                .header("Authorization", "Bearer nope").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("missing or wrong token");
    }
}
