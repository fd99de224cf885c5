package dev.microsim.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.faults.effect.EffectJson;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pod runtime as a Quarkus application: the scenario's service on Quarkus's managed Vert.x,
 * the probes as SmallRye Health checks, the fault control endpoint on Quarkus's HTTP server.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarkusPodTest {
    static final String TOKEN = "quarkus-test-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    PodLifecycle lifecycle;

    @Inject
    Vertx managed;

    URI control(String path) {
        return URI.create("http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + path);
    }

    URI service(String path) {
        return URI.create("http://127.0.0.1:" + lifecycle.pod().servicePort() + path);
    }

    HttpResponse<String> send(URI uri, String method, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void theProbesAreSmallRyeHealthChecksThatKnowThePod() throws Exception {
        for (String probe : new String[] {"live", "started", "ready"}) {
            HttpResponse<String> r = send(control("/q/health/" + probe), "GET", null, null);
            assertThat(r.statusCode()).as(probe + ": " + r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            JsonNode check = body.path("checks").get(0);
            assertThat(check.path("name").asText()).isEqualTo("microsim-serve");
            assertThat(check.path("data").path("service").asText()).isEqualTo("front");
            assertThat(check.path("data").path("instance").asText()).isEqualTo("front-q");
            assertThat(check.path("data").path("state").asText()).isEqualTo("serving");
        }
    }

    @Test
    @Order(2)
    void theServiceRunsOnQuarkussManagedVertxAndFaultsComeThroughItsControlRoutes() throws Exception {
        assertThat(lifecycle.vertx()).as("the pod's Vert.x is Quarkus's").isSameAs(managed);
        assertThat(send(service("/x"), "GET", null, null).statusCode()).isEqualTo(200);

        assertThat(send(control("/effects"), "POST", "{}", null).statusCode()).as("no token").isEqualTo(401);
        String abort = EffectJson.write(new Effect.Abort(Scope.service("front"), 503, null));
        HttpResponse<String> installed = send(control("/effects"), "POST", abort, TOKEN);
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        String id = JSON.readTree(installed.body()).path("id").asText();
        assertThat(send(control("/effects"), "GET", null, TOKEN).body()).contains(id);
        for (int i = 0; i < 5; i++) assertThat(send(service("/x"), "GET", null, null).statusCode()).as("aborted").isEqualTo(503);

        assertThat(send(control("/effects/" + id), "DELETE", null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(service("/x"), "GET", null, null).statusCode()).as("restored").isEqualTo(200);
    }

    @Test
    @Order(3)
    void stoppingTurnsReadinessDownAndClosesTheServicePortButLeavesQuarkussVertxRunning() throws Exception {
        int port = lifecycle.pod().servicePort();
        String abort = EffectJson.write(new Effect.Abort(Scope.service("front"), 503, null));
        assertThat(send(control("/effects"), "POST", abort, TOKEN).statusCode()).isEqualTo(201);
        lifecycle.stop();
        HttpResponse<String> ready = send(control("/q/health/ready"), "GET", null, null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(ready.body()).path("checks").get(0).path("data").path("state").asText()).isEqualTo("stopping");
        assertThat(send(control("/q/health/live"), "GET", null, null).statusCode()).as("the process still lives").isEqualTo(200);
        assertThat(lifecycle.pod().installedEffects()).as("its faults removed").isEmpty();
        try {
            send(URI.create("http://127.0.0.1:" + port + "/x"), "GET", null, null);
            throw new AssertionError("the service port still answers");
        } catch (java.io.IOException closed) {
            // refused: the port is closed
        }
        assertThat(managed.deploymentIDs()).as("Quarkus's Vert.x is not closed by the pod").isNotNull();
        managed.setTimer(1, t -> { }); // would throw on a closed Vert.x
    }
}
