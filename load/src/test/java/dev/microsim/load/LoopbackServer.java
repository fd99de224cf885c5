package dev.microsim.load;

import dev.microsim.model.request.RequestKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Vert.x server on 127.0.0.1:0 that records when each request arrived and how many were in
 * flight at once (the server's view, to check the load generator against). Arrivals and paths
 * are those of the load's requests (user agent {@code microsim-load}).
 */
final class LoopbackServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> paths = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> keyedPaths = new ConcurrentLinkedQueue<>();
    private final AtomicInteger others = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** @param delay how long each response takes (zero: answer at once) */
    LoopbackServer(Duration delay) throws Exception {
        long delayMs = delay.toMillis();
        server = vertx.createHttpServer().requestHandler(req -> {
            // Gatling's one warm-up request (not part of the load) comes without our user agent.
            if ("microsim-load".equals(req.getHeader("User-Agent"))) {
                arrivals.add(System.nanoTime());
                paths.add(req.path());
                keyedPaths.add(req.path() + " " + req.getHeader(RequestKey.HEADER));
            } else {
                others.incrementAndGet();
            }
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            int status = req.path().startsWith("/fail") ? 503 : 200;
            Runnable answer = () -> {
                inFlight.decrementAndGet();
                req.response().setStatusCode(status).end("ok");
            };
            if (delayMs > 0) vertx.setTimer(delayMs, id -> answer.run());
            else answer.run();
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    int port() {
        return server.actualPort();
    }

    List<Long> arrivalNanos() {
        return new ArrayList<>(arrivals);
    }

    List<String> paths() {
        return new ArrayList<>(paths);
    }

    /** "path key" of each load request, key being its {@link RequestKey#HEADER} value ("null" when absent). */
    List<String> keyedPaths() {
        return new ArrayList<>(keyedPaths);
    }

    /** Requests without the load's user agent (Gatling's warm-up request). */
    int otherRequests() {
        return others.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
