package dev.microsim.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.faults.control.PodControlEndpoint;
import dev.microsim.runtime.LiveHosting;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.MeshOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * One pod of a mesh ({@code microsim serve}): the live runtime hosting one replica of one service
 * on its service port (real HTTP; callees reached through {@link ServiceAddresses}), and beside it
 * the control port with the health probes the Deployment's startup, readiness and liveness probes
 * ask ({@code /q/health/started|ready|live}, SmallRye Health's paths and JSON shape) and the fault
 * control endpoint ({@link PodControlEndpoint}) at every other path. The service's behaviour is the
 * runtime's own ({@link LocalMesh}); nothing of it is copied here.
 */
public final class PodRuntime implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PodSettings settings;
    private final Vertx vertx;
    /** Whether this runtime created {@link #vertx} (and closes it), or a host (Quarkus) manages it. */
    private final boolean ownsVertx;
    private final PodControlEndpoint faults;
    /** The control port's server, or null when the host serves health and control (the Quarkus pod runtime). */
    private final HttpServer control;
    private volatile LocalMesh mesh;
    private volatile boolean stopping;

    private PodRuntime(PodSettings settings, Vertx vertx, boolean ownsVertx, boolean ownControlPort) {
        this.settings = settings;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.faults = new PodControlEndpoint(vertx, () -> {
            LocalMesh m = mesh;
            if (m == null) throw new IllegalStateException("the pod is still starting");
            return m;
        }, settings.service(), settings.token());
        this.control = !ownControlPort ? null
                : vertx.createHttpServer(new HttpServerOptions().setHost(bindHost(settings.controlPort())).setPort(settings.controlPort()))
                        .requestHandler(this::handle);
    }

    /**
     * The service alone on a Vert.x someone else manages (Quarkus's): that host serves the health
     * probes ({@link #state()}) and routes the fault control paths to {@link #control(HttpServerRequest)};
     * {@link #close()} leaves its Vert.x running.
     */
    public static PodRuntime startOn(Vertx vertx, PodSettings settings, MeshOptions options) {
        return new PodRuntime(settings, vertx, false, false).startService(options);
    }

    /** Starts the pod's one service on its Vert.x; a failure closes the pod before it is thrown. */
    private PodRuntime startService(MeshOptions options) {
        try {
            mesh = LocalMesh.start(settings.podScenario(), options, LiveHosting.pod(vertx, settings.service(),
                    ServiceAddresses.lookup(settings.callees()), settings.port(), settings.instance()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Where the pod is: {@code starting}, {@code serving}, {@code stopping} (what the health probes report). */
    public String state() {
        return stopping ? "stopping" : mesh == null ? "starting" : "serving";
    }

    /** The fault control endpoint ({@link PodControlEndpoint}): every control path but the health probes. */
    public void control(HttpServerRequest req) {
        faults.handle(req);
    }

    /** Ids of the fault effects installed in this pod now. */
    public java.util.Set<String> installedEffects() {
        return faults.installed();
    }

    public PodSettings settings() {
        return settings;
    }

    /**
     * Opens the control port (liveness answers from here on; started and ready say DOWN), starts the
     * service, then reports started and ready. Returns when both ports listen.
     */
    public static PodRuntime start(PodSettings settings, MeshOptions options) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        PodRuntime pod;
        try {
            pod = new PodRuntime(settings, vertx, true, true);
            await(pod.control.listen(), "the control port " + settings.controlPort());
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        return pod.startService(options);
    }

    /** The port the service's endpoints listen on. */
    public int servicePort() {
        return mesh.replicaPort(settings.service(), 0);
    }

    /** The port of the health probes and the fault control endpoint (this runtime's own server; -1 when a host serves them). */
    public int controlPort() {
        return control == null ? -1 : control.actualPort();
    }

    /** Every interface in a cluster (the container port); loopback when the port is ephemeral (a run on one machine). */
    public static String bindHost(int port) {
        return port == 0 ? "127.0.0.1" : "0.0.0.0";
    }

    private void handle(HttpServerRequest req) {
        switch (req.path()) {
            case "/q/health/live" -> health(req, true);
            case "/q/health/started" -> health(req, mesh != null);
            case "/q/health/ready", "/q/health" -> health(req, mesh != null && !stopping);
            default -> faults.handle(req);
        }
    }

    private void health(HttpServerRequest req, boolean up) {
        ObjectNode check = JSON.createObjectNode();
        check.put("name", "microsim-serve");
        check.put("status", up ? "UP" : "DOWN");
        ObjectNode data = check.putObject("data");
        data.put("service", settings.service());
        data.put("instance", settings.instance());
        data.put("state", state());
        ObjectNode body = JSON.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.putArray("checks").add(check);
        req.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.toString());
    }

    /**
     * Graceful shutdown: readiness goes DOWN first (the cluster stops sending), the faults this pod
     * installed are removed, then the service and the control port close.
     */
    @Override
    public void close() {
        stopping = true;
        try {
            faults.removeAll();
        } finally {
            try {
                LocalMesh m = mesh;
                if (m != null) m.close();
            } finally {
                try {
                    if (control != null) await(control.close(), "closing the control port");
                } finally {
                    if (ownsVertx) await(vertx.close(), "closing Vert.x");
                }
            }
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(what + ": " + e, e);
        }
    }
}
