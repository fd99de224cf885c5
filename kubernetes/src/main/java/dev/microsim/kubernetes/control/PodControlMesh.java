package dev.microsim.kubernetes.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.EffectJson;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.graph.CallGraph;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The mesh as the fault injector sees it on Kubernetes, for faults Chaos Mesh does not express:
 * each effect goes to the control endpoint of every pod that must act on it, and its handle
 * removes it from all of them. Server-side and resource effects go to the target service's pods
 * (a replica index picks a pod, {@link PodDirectory}); call-side effects go to the callers' pods
 * (the named caller, or every service that calls the target). All or nothing: if one pod refuses,
 * the pods that accepted are rolled back and the refusal is rethrown.
 */
public final class PodControlMesh implements MeshTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final CallGraph graph;
    private final PodDirectory pods;
    private final Supplier<String> token;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public PodControlMesh(Scenario scenario, PodDirectory pods, Supplier<String> token, Clock clock) {
        this.scenario = scenario;
        this.graph = CallGraph.of(scenario);
        this.pods = pods;
        this.token = token;
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public int replicas(String service) {
        return scenario.service(service).orElseThrow(() -> new IllegalArgumentException("unknown service \"" + service + "\"")).replicas();
    }

    /** Where an effect acts and the form each pod gets (replica indexes resolved to pods, so stripped). */
    record Route(List<PodRef> pods, Effect effect) {}

    Route route(Effect effect) {
        Scope s = effect.scope();
        if (isCallSide(effect)) {
            Set<String> callers = s.caller().map(Set::of).orElseGet(() -> new LinkedHashSet<>(graph.callers(s.service())));
            List<PodRef> targets = new ArrayList<>();
            for (String c : callers) targets.addAll(pods.pods(c));
            return new Route(targets, effect);
        }
        List<PodRef> all = pods.pods(s.service());
        List<PodRef> chosen = new ArrayList<>();
        if (s.replicas().isPresent()) {
            for (int r : new java.util.TreeSet<>(s.replicas().get())) {
                if (r >= all.size()) {
                    throw new IllegalStateException("replica " + r + " of \"" + s.service() + "\" has no serving pod (" + all.size() + " serving: "
                            + all.stream().map(PodRef::name).toList() + ")");
                }
                chosen.add(all.get(r));
            }
        } else {
            chosen.addAll(all);
        }
        Scope stripped = new Scope(s.service(), s.endpoint(), Optional.empty(), s.caller(), s.share());
        return new Route(chosen, withScope(effect, stripped));
    }

    static boolean isCallSide(Effect e) {
        return e instanceof Effect.CallDelay || e instanceof Effect.CallFailure || e instanceof Effect.Bandwidth || e instanceof Effect.Redirect
                || e instanceof Effect.Retries || e instanceof Effect.Amplify;
    }

    private static Effect withScope(Effect e, Scope s) {
        if (e instanceof Effect.Delay d) return new Effect.Delay(s, d.delay());
        if (e instanceof Effect.Abort a) return new Effect.Abort(s, a.status(), a.exception());
        if (e instanceof Effect.Hang) return new Effect.Hang(s);
        if (e instanceof Effect.Slowdown d) return new Effect.Slowdown(s, d.computeFactor(), d.ioFactor());
        if (e instanceof Effect.HoldSlots h) return new Effect.HoldSlots(s, h.slots());
        if (e instanceof Effect.CpuBurn c) return new Effect.CpuBurn(s, c.cores());
        if (e instanceof Effect.Memory m) return new Effect.Memory(s, m.initialBytes(), m.growthBytesPerSecond());
        if (e instanceof Effect.ClockSkew c) return new Effect.ClockSkew(s, c.offset());
        if (e instanceof Effect.LogStorm l) return new Effect.LogStorm(s, l.perSecond(), l.level());
        return e; // call-side effects keep their scope (they carry no replicas)
    }

    @Override
    public EffectHandle apply(Effect effect) {
        Route route = route(effect);
        if (route.pods().isEmpty()) {
            throw new IllegalStateException("no serving pod acts on " + effect.getClass().getSimpleName() + " for \"" + effect.scope().service() + "\""
                    + (isCallSide(effect) ? " (its callers have no serving pods)" : ""));
        }
        String body = EffectJson.write(route.effect());
        List<Installed> done = new ArrayList<>();
        try {
            for (PodRef pod : route.pods()) {
                JsonNode r = call(pod, "POST", "/effects", body, 201);
                done.add(new Installed(pod, r.path("id").asText(), Instant.parse(r.path("appliedAt").asText())));
            }
        } catch (RuntimeException e) {
            for (Installed i : done) {
                try {
                    i.remove();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return new Handle(done);
    }

    @Override
    public Instant killReplica(String service, int replica) {
        return replicaCall(service, replica, "kill");
    }

    @Override
    public Instant startReplica(String service, int replica) {
        return replicaCall(service, replica, "start");
    }

    private Instant replicaCall(String service, int replica, String what) {
        List<PodRef> all = pods.pods(service);
        if (replica >= all.size()) throw new IllegalStateException("replica " + replica + " of \"" + service + "\" has no serving pod");
        // The pod runs one replica of its service, its own replica 0.
        return Instant.parse(call(all.get(replica), "POST", "/replicas/0/" + what, "", 200).path("at").asText());
    }

    private final class Installed {
        final PodRef pod;
        final String id;
        final Instant appliedAt;
        Instant removedAt;

        Installed(PodRef pod, String id, Instant appliedAt) {
            this.pod = pod;
            this.id = id;
            this.appliedAt = appliedAt;
        }

        synchronized Instant remove() {
            if (removedAt == null) removedAt = Instant.parse(call(pod, "DELETE", "/effects/" + id, null, 200).path("removedAt").asText());
            return removedAt;
        }
    }

    private static final class Handle implements EffectHandle {
        private final List<Installed> installed;

        Handle(List<Installed> installed) {
            this.installed = List.copyOf(installed);
        }

        @Override
        public Instant appliedAt() {
            return installed.stream().map(i -> i.appliedAt).max(Instant::compareTo).orElseThrow();
        }

        @Override
        public Instant remove() {
            Instant last = appliedAt();
            RuntimeException failure = null;
            for (Installed i : installed) {
                try {
                    Instant at = i.remove();
                    if (at.isAfter(last)) last = at;
                } catch (RuntimeException e) { // try every pod; report the first failure after
                    if (failure == null) failure = e;
                    else failure.addSuppressed(e);
                }
            }
            if (failure != null) throw failure;
            return last;
        }
    }

    private JsonNode call(PodRef pod, String method, String path, String body, int expected) {
        URI uri = pod.control().resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("pod " + pod.name() + ": " + method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pod " + pod.name() + ": interrupted during " + method + " " + uri, e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
        } catch (IOException e) {
            throw new IllegalStateException("pod " + pod.name() + ": " + method + " " + uri + " answered " + r.statusCode() + " with a body that is not JSON", e);
        }
        if (r.statusCode() != expected) {
            throw new IllegalStateException("pod " + pod.name() + ": " + method + " " + uri + " answered " + r.statusCode() + ": " + json.path("error").asText(r.body()));
        }
        return json;
    }
}
