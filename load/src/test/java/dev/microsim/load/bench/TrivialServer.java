package dev.microsim.load.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;

/** A trivial Vert.x HTTP server on 127.0.0.1 (own process in the benchmark): answers "ok" to everything. Writes its port to args[0]. */
public final class TrivialServer {
    private TrivialServer() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        var server = vertx.createHttpServer().requestHandler(req -> req.response().end("ok"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Integer.toString(server.actualPort()));
        Files.move(tmp, Path.of(args[0]));
    }
}
