package dev.microsim.engine;

import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.Service;
import dev.microsim.telemetry.ServiceStats;
import dev.microsim.telemetry.EndpointStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated service, engine-neutral: its routes, its stats (all replicas), its replicas'
 * interpreters, and the round-robin choice callers make among them.
 */
public final class ServiceState {
    /** @param streamSalt the endpoint's part of its requests' random streams ({@link RequestRandom#where}) */
    public record Route(String key, Endpoint endpoint, EndpointStats stats, long streamSalt) {}

    final Service spec;
    final ServiceStats stats;
    private final List<ReplicaInterpreter> replicas = new ArrayList<>();
    private final List<ReplicaInterpreter> view = Collections.unmodifiableList(replicas);
    /** Routes by method, then path: no string is built per request to find one. */
    private final Map<String, Map<String, Route>> routes = new HashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final long discoveryDelayNanos;
    /**
     * The last resolved (method, path) pairs, by the callers' String instances: a service called on
     * several endpoints finds each without hashing. Entries are immutable and replaced whole, so any
     * engine thread may read them (a racy miss only costs the map lookup).
     */
    private final RouteHit[] hits = new RouteHit[HITS];
    private int nextHit;
    private static final int HITS = 8;

    ServiceState(Service spec, ServiceStats stats, long discoveryDelayNanos) {
        this.spec = spec;
        this.stats = stats;
        this.discoveryDelayNanos = discoveryDelayNanos;
        spec.endpoints().forEach((id, ep) -> {
            String key = id.toString();
            routes.computeIfAbsent(id.method(), m -> new HashMap<>()).put(id.path(), new Route(key, ep, stats.endpoint(key), RequestRandom.where(spec.name(), key)));
        });
    }

    public String name() {
        return spec.name();
    }

    public Service spec() {
        return spec;
    }

    public ServiceStats stats() {
        return stats;
    }

    public List<ReplicaInterpreter> replicas() {
        return view;
    }

    void add(ReplicaInterpreter replica) {
        replicas.add(replica);
    }

    Route route(String method, String path) {
        // Callers mostly name endpoints with the same String instances (fast mode: always the
        // scenario's own): recent hits are checked by identity first, without hashing.
        RouteHit[] recent = hits;
        for (RouteHit hit : recent) {
            if (hit == null) break;
            if (hit.method == method && hit.path == path) return hit.route;
        }
        Map<String, Route> byPath = routes.get(method);
        Route route = byPath == null ? null : byPath.get(path);
        if (route != null) recent[nextHit++ & (HITS - 1)] = new RouteHit(method, path, route);
        return route;
    }

    /** One resolved (method, path), published whole so any engine thread may read it. */
    private record RouteHit(String method, String path, Route route) {}

    /**
     * Round robin over replicas, skipping one that has been down longer than the discovery delay
     * (as an endpoints controller would); until then callers still hit it (live: its closed port).
     */
    public ReplicaInterpreter pick(long now) {
        int n = replicas.size();
        if (n == 1) return replicas.get(0);
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            ReplicaInterpreter r = replicas.get((start + i) % n);
            if (r.up() || now - r.downSinceNanos() < discoveryDelayNanos) return r;
        }
        return replicas.get(start);
    }

    public int replicasUp() {
        int up = 0;
        for (ReplicaInterpreter r : replicas) if (r.up()) up++;
        return up;
    }
}
