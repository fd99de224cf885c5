package dev.microsim.runtime;

import io.vertx.core.Vertx;
import java.util.Set;

/**
 * What a live mesh hosts and on what: which services of the scenario run in this process (empty: all),
 * the Vert.x instance to run on (null: the mesh makes and closes its own; Quarkus passes its managed
 * one), where calls to services not hosted here go, and the port the hosted service listens on
 * (0: ephemeral ports; a Kubernetes pod listens on its container port), and the name of the one
 * replica a pod hosts in telemetry ({@code service.instance.id}; null: {@code service-index}).
 */
public record LiveHosting(Vertx vertx, Set<String> services, CalleeLookup remote, int port, String instance) {
    public static final LiveHosting ALL_IN_THIS_JVM = new LiveHosting(null, Set.of(), null, 0);

    public LiveHosting(Vertx vertx, Set<String> services, CalleeLookup remote, int port) {
        this(vertx, services, remote, port, null);
    }

    public LiveHosting {
        if (instance != null && (instance.isBlank() || services == null || services.size() != 1)) {
            throw new IllegalArgumentException("an instance name needs exactly one hosted service and must not be blank, got " + instance);
        }
        services = services == null ? Set.of() : Set.copyOf(services);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (port != 0 && services.size() != 1) {
            throw new IllegalArgumentException("a fixed port needs exactly one hosted service, got " + (services.isEmpty() ? "all" : services));
        }
    }

    /** One service of the scenario on {@code vertx}, listening on {@code port}, its callees found by {@code remote}. */
    public static LiveHosting single(Vertx vertx, String service, CalleeLookup remote, int port) {
        return new LiveHosting(vertx, Set.of(service), remote, port);
    }

    /** As {@link #single}, the replica named {@code instance} in telemetry (a pod's name, or {@code service-N} for replica N). */
    public static LiveHosting pod(Vertx vertx, String service, CalleeLookup remote, int port, String instance) {
        return new LiveHosting(vertx, Set.of(service), remote, port, instance);
    }

    /** The telemetry name of replica {@code index} of {@code service}. */
    String instanceName(String service, int index) {
        return instance != null ? instance : service + "-" + index;
    }

    boolean hosts(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
