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
    public static final String FILE = DatasetFiles.CONTROL;
    /**
     * A fault in JSON is a few hundred bytes. The server shares the mesh's Vert.x, so an unbounded
     * body (20 MB took 36 s to parse on an event loop and the mesh dropped to 0 rps) is refused
     * with 413 before it is read, and what is accepted is parsed on a worker thread.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;
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
            // The token must not outlive the run: on SIGTERM/Ctrl-C the JVM removes it as it exits even if
            // close() never runs; after SIGKILL `microsim recover` does.
            f.toFile().deleteOnExit();
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
                if (path.equals("/faults")) receive(req);
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

    /** Collects the body up to {@link #MAX_BODY_BYTES}: a declared or actual larger body gets 413 and is not read further. */
    private void receive(HttpServerRequest req) {
        String declared = req.getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BODY_BYTES) {
            tooLarge(req, Long.parseLong(declared) + " bytes");
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) return;
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                refused[0] = true;
                tooLarge(req, "more than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!refused[0]) inject(req, body.toString(StandardCharsets.UTF_8));
        });
        req.exceptionHandler(e -> {
            if (!refused[0]) reply(req, 400, error("the request body could not be read: " + e.getMessage()));
        });
    }

    private static void tooLarge(HttpServerRequest req, String size) {
        ObjectNode n = error("request body too large (" + size + "): a fault is at most " + MAX_BODY_BYTES + " bytes of JSON");
        // Close after answering: the rest of the body is not read.
        req.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close").end(n.toString());
    }

    /** A fault that fits in what is left of the run, parsed and injected on a worker: never on a mesh event loop. */
    private void inject(HttpServerRequest req, String body) {
        vertx.<Object>executeBlocking(() -> {
            Duration left = Duration.between(clock.instant(), runEnd);
            if (left.isNegative()) left = Duration.ZERO;
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return error("body is not JSON: " + e.getOriginalMessage().replaceAll(" \\(code -?\\d+\\)", ""));
            }
            String kind = json != null && json.path("kind").isTextual() ? json.path("kind").asText() : "fault";
            // The same reader and checks as a fault in a scenario file: one syntax, one set of messages.
            FaultParseResult parsed = parser.parseFaultNow(body, "request", injector.scenario(), "api-" + counter.incrementAndGet() + "-" + kind, left);
            if (parsed.fault().isEmpty()) {
                ObjectNode error = error(String.join("; ", parsed.lines()));
                parsed.lines().forEach(error.putArray("problems")::add);
                return error;
            }
            // Killing replicas waits for the mesh: a worker thread, like the parse.
            return injector.injectNow(parsed.fault().get(), "control-api");
        }, false).onComplete(ar -> {
            if (ar.succeeded() && ar.result() instanceof LabelRecord label) reply(req, 201, DatasetFiles.label(label));
            else if (ar.succeeded()) reply(req, 400, (ObjectNode) ar.result());
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
