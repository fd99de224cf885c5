package dev.microsim.faults.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.yaml.FaultParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import dev.microsim.faults.kinds.FaultType;
import dev.microsim.faults.schedule.DatasetFiles;
import dev.microsim.faults.schedule.FaultInjectionException;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.model.scenario.FaultSpec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live control API of a running mesh: list, inject and recover faults by hand, recorded in the
 * labels like scheduled ones ({@code source: control-api}). Listens on 127.0.0.1 only, on a free
 * port, and every request needs {@code Authorization: Bearer TOKEN}; the URL and token are written
 * to {@value #FILE} (permissions 0600) in the dataset directory and removed on close.
 *
 * <pre>
 * GET    /faults          every fault's label, and which are active
 * GET    /kinds           the catalogue: kinds and their parameters
 * POST   /faults          a fault in the scenario's syntax, without "at": it starts now
 * DELETE /faults/{id}     recover it now
 * </pre>
 */
public final class ControlApi implements AutoCloseable {
    public static final String FILE = "control.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpServer server;
    private final FaultInjector injector;
    private final FaultCatalog catalog;
    private final ScenarioParser parser;
    private final Clock clock;
    private final Instant runEnd;
    private final byte[] token;
    private final String tokenText;
    private final Path file;
    private final AtomicInteger counter = new AtomicInteger();

    private ControlApi(Vertx vertx, FaultInjector injector, FaultCatalog catalog, Clock clock, Instant runEnd, Path datasetDir) {
        this.vertx = vertx;
        this.injector = injector;
        this.catalog = catalog;
        this.parser = new ScenarioParser(catalog);
        this.clock = clock;
        this.runEnd = runEnd;
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        this.tokenText = HexFormat.of().formatHex(raw);
        this.token = tokenText.getBytes(StandardCharsets.US_ASCII);
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("control API could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
        this.file = datasetDir == null ? null : writeFile(datasetDir);
    }

    /**
     * Starts the API for {@code injector}. Faults posted without a duration last until {@code runEnd}.
     * {@code datasetDir} (may be null) receives control.json with the URL and token.
     */
    public static ControlApi start(Vertx vertx, FaultInjector injector, FaultCatalog catalog, Clock clock, Instant runEnd, Path datasetDir) {
        return new ControlApi(vertx, injector, catalog, clock, runEnd, datasetDir);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public String token() {
        return tokenText;
    }

    private Path writeFile(Path dir) {
        Path f = dir.resolve(FILE);
        ObjectNode n = JSON.createObjectNode();
        n.put("url", url());
        n.put("token", tokenText);
        try {
            Files.deleteIfExists(f);
            try {
                Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(f);
            }
            Files.writeString(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private boolean authorised(HttpServerRequest req) {
        String h = req.getHeader("Authorization");
        if (h == null || !h.startsWith("Bearer ")) return false;
        return MessageDigest.isEqual(token, h.substring(7).trim().getBytes(StandardCharsets.US_ASCII)); // constant time
    }

    private void handle(HttpServerRequest req) {
        if (!authorised(req)) {
            reply(req, 401, error("missing or wrong token: send Authorization: Bearer <token from " + FILE + ">"));
            return;
        }
        String path = req.path();
        switch (req.method().name()) {
            case "GET" -> {
                if (path.equals("/faults")) reply(req, 200, list());
                else if (path.equals("/kinds")) reply(req, 200, kinds());
                else reply(req, 404, error("no such resource " + path + "; try GET /faults, GET /kinds, POST /faults, DELETE /faults/{id}"));
            }
            case "POST" -> {
                if (path.equals("/faults")) req.body().onSuccess(b -> inject(req, b)).onFailure(e -> reply(req, 400, error(e.getMessage())));
                else reply(req, 404, error("POST only on /faults"));
            }
            case "DELETE" -> {
                if (path.startsWith("/faults/") && path.length() > 8) recover(req, path.substring(8));
                else reply(req, 404, error("DELETE /faults/{id}"));
            }
            default -> reply(req, 405, error("method " + req.method() + " not allowed"));
        }
    }

    private ObjectNode list() {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode active = n.putArray("active");
        injector.active().forEach(active::add);
        n.set("faults", DatasetFiles.labels(injector.labels()).get("faults"));
        return n;
    }

    private ObjectNode kinds() {
        ObjectNode n = JSON.createObjectNode();
        for (FaultType t : catalog.types()) {
            ObjectNode k = n.putObject(t.name());
            k.put("summary", t.summary());
            ArrayNode p = k.putArray("parameters");
            t.parameters().forEach(p::add);
            k.put("ramp", t.rampable());
        }
        return n;
    }

    private void inject(HttpServerRequest req, Buffer body) {
        JsonNode json;
        try {
            json = JSON.readTree(body.toString(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            reply(req, 400, error("body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        Duration left = Duration.between(clock.instant(), runEnd);
        String kind = json != null && json.path("kind").isTextual() ? json.path("kind").asText() : "fault";
        // The same reader and checks as a fault in a scenario file: one syntax, one set of messages.
        FaultParseResult parsed = parser.parseFaultNow(body.toString(StandardCharsets.UTF_8), "request", injector.scenario(),
                "api-" + counter.incrementAndGet() + "-" + kind, left.isNegative() ? Duration.ZERO : left);
        if (parsed.fault().isEmpty()) {
            ObjectNode error = error(String.join("; ", parsed.lines()));
            parsed.lines().forEach(error.putArray("problems")::add);
            reply(req, 400, error);
            return;
        }
        FaultSpec spec = parsed.fault().get();
        // Killing replicas waits for the mesh: never on this event loop.
        vertx.<LabelRecord>executeBlocking(() -> injector.injectNow(spec, "control-api"), false).onComplete(ar -> {
            if (ar.succeeded()) reply(req, 201, DatasetFiles.label(ar.result()));
            else if (ar.cause() instanceof FaultInjectionException) reply(req, 500, error(ar.cause().getMessage()));
            else if (ar.cause().getMessage() != null && ar.cause().getMessage().contains("already exists")) reply(req, 409, error(ar.cause().getMessage()));
            else if (ar.cause() instanceof IllegalStateException) reply(req, 409, error(ar.cause().getMessage()));
            else reply(req, 400, error(ar.cause().getMessage()));
        });
    }

    private void recover(HttpServerRequest req, String id) {
        vertx.<LabelRecord>executeBlocking(() -> injector.recoverNow(id), false).onComplete(ar -> {
            if (ar.succeeded()) reply(req, 200, DatasetFiles.label(ar.result()));
            else if (ar.cause() instanceof IllegalArgumentException) reply(req, 404, error(ar.cause().getMessage()));
            else reply(req, 500, error(ar.cause().getMessage()));
        });
    }

    private static ObjectNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        return n;
    }

    private static void reply(HttpServerRequest req, int status, JsonNode body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("microsim: control API did not close cleanly: " + e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    System.err.println("microsim: cannot remove " + file + ": " + e.getMessage());
                }
            }
        }
    }
}
