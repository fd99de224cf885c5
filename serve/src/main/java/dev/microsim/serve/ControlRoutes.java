package dev.microsim.serve;

import dev.microsim.cluster.PodRuntime;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The pod's fault control endpoint ({@code /effects}, {@code /replicas/{i}/kill|start}, bearer
 * token) as routes of Quarkus's HTTP server, beside the health checks on the same (control) port.
 */
@ApplicationScoped
public class ControlRoutes {
    @Inject
    PodLifecycle lifecycle;

    void routes(@Observes Router router) {
        router.route("/effects").handler(this::control);
        router.route("/effects/*").handler(this::control);
        router.route("/replicas/*").handler(this::control);
    }

    private void control(RoutingContext ctx) {
        PodRuntime pod = lifecycle.pod();
        if (pod == null) {
            ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json").end("{\"error\":\"the pod is still starting\"}");
            return;
        }
        // The router pauses each request until a handler takes its body; the endpoint reads it itself.
        ctx.request().resume();
        pod.control(ctx.request());
    }
}
