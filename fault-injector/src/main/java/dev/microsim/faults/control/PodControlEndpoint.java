package dev.microsim.faults.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.EffectJson;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.faults.schedule.DatasetFiles;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A pod's fault control endpoint (Kubernetes mode): the injector decides the effects of a fault
 * (the catalogue runs once, in the injector) and sends each pod the ones it must install; the pod
 * applies them to its own runtime, a one-service {@link MeshTarget}. Every request needs
 * {@code Authorization: Bearer TOKEN} (the token comes from the mesh's Secret).
 *
 * <pre>
 * POST   /effects               body: {@link EffectJson}     201 {"id": "e1", "appliedAt": "..."}
 * DELETE /effects/{id}                                       200 {"id": "e1", "removedAt": "..."}  (idempotent)
 * GET    /effects                                            200 {"effects": ["e1", ...]}
 * POST   /replicas/{i}/kill | /replicas/{i}/start            200 {"at": "..."}
 * </pre>
 * 400 names what is wrong with the body, 401 a missing or wrong token, 404 an unknown id or path,
 * 500 an effect the runtime refused (its reason).
 */
public final class PodControlEndpoint implements Handler<HttpServerRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Vertx vertx;
    private final Supplier<MeshTarget> mesh;
    private final String service;
    private final byte[] token;
    private final Map<String, EffectHandle> installed = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** {@code mesh} is read per request, so the pod may install its runtime after the endpoint starts listening. */
    public PodControlEndpoint(Vertx vertx, Supplier<MeshTarget> mesh, String service, String token) {
        if (token == null || token.length() < 16) throw new IllegalArgumentException("the control token must have at least 16 characters");
        this.vertx = vertx;
        this.mesh = mesh;
        this.service = service;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** Ids of the effects installed now. */
    public java.util.Set<String> installed() {
        return java.util.Set.copyOf(installed.keySet());
    }

    /** Removes every installed effect (the pod is shutting down). */
    public void removeAll() {
        installed.values().forEach(EffectHandle::remove);
        installed.clear();
    }

    @Override
    public void handle(HttpServerRequest req) {
        String h = req.getHeader("Authorization");
        if (h == null || !h.startsWith("Bearer ") || !MessageDigest.isEqual(token, h.substring(7).trim().getBytes(StandardCharsets.US_ASCII))) {
            reply(req, 401, error("missing or wrong token: send Authorization: Bearer <the mesh's control token>"));
            return;
        }
        String path = req.path();
        String method = req.method().name();
        if (method.equals("POST") && path.equals("/effects")) {
            req.body().onSuccess(b -> blocking(req, () -> install(b))).onFailure(e -> reply(req, 400, error(e.getMessage())));
        } else if (method.equals("DELETE") && path.startsWith("/effects/")) {
            String id = path.substring("/effects/".length());
            blocking(req, () -> remove(id));
        } else if (method.equals("GET") && path.equals("/effects")) {
            ObjectNode n = JSON.createObjectNode();
            installed.keySet().stream().sorted().forEach(n.putArray("effects")::add);
            reply(req, 200, n);
        } else if (method.equals("POST") && path.matches("/replicas/\\d{1,4}/(kill|start)")) {
            String[] parts = path.split("/");
            int replica = Integer.parseInt(parts[2]);
            boolean kill = parts[3].equals("kill");
            blocking(req, () -> {
                Instant at = kill ? mesh.get().killReplica(service, replica) : mesh.get().startReplica(service, replica);
                ObjectNode n = JSON.createObjectNode();
                n.put("at", DatasetFiles.instant(at));
                return new Reply(200, n);
            });
        } else {
            reply(req, 404, error("no such resource " + method + " " + path
                    + "; try POST /effects, DELETE /effects/{id}, GET /effects, POST /replicas/{i}/kill|start"));
        }
    }

    private record Reply(int status, ObjectNode body) {}

    private Reply install(Buffer body) {
        Effect effect;
        try {
            effect = EffectJson.read(body.toString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Reply(400, error(e.getMessage()));
        }
        EffectHandle handle;
        try {
            handle = mesh.get().apply(effect);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new Reply(500, error("the runtime refused the effect: " + e.getMessage()));
        }
        String id = "e" + ids.incrementAndGet();
        installed.put(id, handle);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("appliedAt", DatasetFiles.instant(handle.appliedAt()));
        return new Reply(201, n);
    }

    private Reply remove(String id) {
        EffectHandle handle = installed.remove(id);
        if (handle == null) return new Reply(404, error("no effect with id \"" + id + "\" (removed already, or never installed here)"));
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("removedAt", DatasetFiles.instant(handle.remove()));
        return new Reply(200, n);
    }

    /** Effects and kills may wait on the runtime: never on the event loop. */
    private void blocking(HttpServerRequest req, java.util.concurrent.Callable<Reply> work) {
        vertx.<Reply>executeBlocking(work::call, false).onComplete(r -> {
            if (r.succeeded()) reply(req, r.result().status(), r.result().body());
            else reply(req, 500, error(String.valueOf(r.cause().getMessage())));
        });
    }

    private static ObjectNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        return n;
    }

    private static void reply(HttpServerRequest req, int status, ObjectNode body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
