package dev.microsim.faults.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.faults.testing.FakeMesh;
import dev.microsim.faults.testing.Meshes;
import dev.microsim.faults.testing.MutableClock;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API over real loopback HTTP against a fake mesh: auth, inject, list, recover, errors with fields. */
class ControlApiTest {
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(T0);
    private final FakeMesh mesh = new FakeMesh(clock, Map.of("front", 1, "mid", 2, "db", 1, "side", 1));
    private final Map<String, LabelRecord> labels = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    Vertx vertx;
    FaultInjector injector;
    ControlApi api;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        injector = new FaultInjector(Meshes.chain(List.of()), mesh, FaultCatalog.standard(), T0, dir, l -> labels.put(l.id(), l));
        api = ControlApi.start(vertx, injector, FaultCatalog.standard(), clock, T0.plusSeconds(60), dir);
    }

    @AfterEach
    void stop() {
        api.close();
        injector.close();
        vertx.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void listensOnLoopbackAndWritesTheTokenFileOwnerOnly() throws Exception {
        assertThat(api.url()).startsWith("http://127.0.0.1:");
        Path f = dir.resolve(ControlApi.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        JsonNode n = JSON.readTree(f.toFile());
        assertThat(n.path("token").asText()).isEqualTo(api.token()).hasSize(48);
        assertThat(n.path("url").asText()).isEqualTo(api.url());
        api.close();
        assertThat(f).doesNotExist();
    }

    @Test
    void refusesRequestsWithoutTheToken() throws Exception {
        assertThat(send("GET", "/faults", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/faults", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/faults", "{\"kind\":\"hang\",\"target\":\"db\"}", "nope").statusCode()).isEqualTo(401);
        assertThat(mesh.active).isEmpty();
    }

    @Test
    void injectsListsAndRecoversByHandRecordedInTheLabels() throws Exception {
        clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> r = send("POST", "/faults",
                "{\"id\":\"slow\",\"kind\":\"latency\",\"target\":{\"service\":\"db\",\"caller\":\"mid\"},\"duration\":\"10s\",\"delay\":\"40ms\"}", api.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("actual").path("start").asText()).isEqualTo("2026-11-24T15:00:03.000Z");
        assertThat(json(r).path("source").asText()).isEqualTo("control-api");
        assertThat(mesh.active(Effect.CallDelay.class)).hasSize(1);

        JsonNode list = json(send("GET", "/faults", null, api.token()));
        assertThat(list.path("active").toString()).isEqualTo("[\"slow\"]");
        assertThat(list.path("faults").get(0).path("kind").asText()).isEqualTo("latency");

        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> d = send("DELETE", "/faults/slow", null, api.token());
        assertThat(d.statusCode()).isEqualTo(200);
        assertThat(json(d).path("actual").path("end").asText()).isEqualTo("2026-11-24T15:00:05.000Z");
        assertThat(mesh.active).isEmpty();
        assertThat(labels.get("slow").actualEnd()).contains(T0.plusSeconds(5));
    }

    @Test
    void aFaultWithoutDurationLastsUntilTheRunEndsAndTheScheduleRecoversIt() throws Exception {
        HttpResponse<String> r = send("POST", "/faults", "{\"kind\":\"crash\",\"target\":\"mid\"}", api.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("id").asText()).isEqualTo("api-1-crash");
        assertThat(json(r).path("planned").path("end").asText()).isEqualTo("2026-11-24T15:01:00.000Z");
        assertThat(mesh.down).hasSize(2);
        injector.advance(clock.advance(Duration.ofSeconds(61)));
        assertThat(mesh.down).isEmpty();
    }

    @Test
    void badRequestsGetAClearErrorNamingTheField() throws Exception {
        HttpResponse<String> r = send("POST", "/faults", "{\"kind\":\"latency\",\"target\":\"db\",\"delay\":\"fast\",\"at\":\"5s\"}", api.token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("request:1:41: error: delay: cannot parse duration \"fast\" "
                + "(expected a number with a unit ns, us, ms, s, m, h, d, e.g. 250ms); "
                + "request:1:48: error: at: not accepted here: a fault injected by hand starts now");
        assertThat(json(r).path("problems")).hasSize(2);
        r = send("POST", "/faults", "{\"kind\":\"latency\",\"target\":\"db\",\"delay\":\"fast\"}", api.token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("request:1:41: error: delay: cannot parse duration \"fast\" "
                + "(expected a number with a unit ns, us, ms, s, m, h, d, e.g. 250ms)");
        r = send("POST", "/faults", "{\"kind\":\"hang\",\"target\":{\"service\":\"db\",\"share\":2}}", api.token());
        assertThat(json(r).path("error").asText()).isEqualTo("request:1:49: error: target.share: share must be in (0, 1], got 2");
        r = send("POST", "/faults", "not json", api.token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/faults/none", null, api.token()).statusCode()).isEqualTo(404);
        send("POST", "/faults", "{\"id\":\"h\",\"kind\":\"hang\",\"target\":\"db\"}", api.token());
        assertThat(send("POST", "/faults", "{\"id\":\"h\",\"kind\":\"hang\",\"target\":\"db\"}", api.token()).statusCode()).isEqualTo(409);
        assertThat(mesh.active).hasSize(1);
    }

    @Test
    void aFaultTheMeshRefusesIsA500AndNothingStaysApplied() throws Exception {
        mesh.refuse = e -> e instanceof Effect.Hang;
        HttpResponse<String> r = send("POST", "/faults", "{\"id\":\"h\",\"kind\":\"hang\",\"target\":\"db\"}", api.token());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).path("error").asText()).isEqualTo("fault \"h\" (hang on db) could not be applied: refused Hang");
        assertThat(mesh.active).isEmpty();
    }

    /** A 20 MB body used to block the shared event loop for 36 s (the mesh fell to 0 rps). */
    @Test
    void anOversizedBodyIsRefusedWith413WithoutBeingReadAndTheApiKeepsServing() throws Exception {
        String huge = "{\"kind\":\"hang\",\"target\":\"db\",\"id\":\"" + "x".repeat(20 << 20) + "\"}";
        HttpResponse<String> r = send("POST", "/faults", huge, api.token());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("error").asText()).startsWith("request body too large (").endsWith("a fault is at most 65536 bytes of JSON");
        // Chunked, without a Content-Length: refused once the bytes pass the cap.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(api.url() + "/faults")).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + api.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes()))).build();
        assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(mesh.active).isEmpty();
        assertThat(send("GET", "/faults", null, api.token()).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/faults", "{\"id\":\"small\",\"kind\":\"hang\",\"target\":\"db\"}", api.token()).statusCode()).isEqualTo(201);
    }

    @Test
    void aHandFaultLongerThanWhatIsLeftOfTheRunIsRefused() throws Exception {
        clock.advance(Duration.ofSeconds(50)); // 10 s left of the 60 s run
        HttpResponse<String> r = send("POST", "/faults", "{\"kind\":\"hang\",\"target\":\"db\",\"duration\":\"30s\"}", api.token());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("request:1:41: error: duration: duration 30s would end after the run: 10s of it is left"
                + " (a fault must end by the end of the run; leave duration out to last until then)");
        assertThat(mesh.active).isEmpty();
        assertThat(send("POST", "/faults", "{\"kind\":\"hang\",\"target\":\"db\",\"duration\":\"10s\"}", api.token()).statusCode()).isEqualTo(201);
    }

    @Test
    void listsTheCatalogue() throws Exception {
        JsonNode kinds = json(send("GET", "/kinds", null, api.token()));
        assertThat(kinds.size()).isEqualTo(21);
        assertThat(kinds.path("latency").path("parameters").toString()).isEqualTo("[\"delay\",\"jitter\"]");
    }
}
