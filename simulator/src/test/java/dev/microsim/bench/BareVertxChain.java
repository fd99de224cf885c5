package dev.microsim.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: {@code hops} plain Vert.x servers on 127.0.0.1, each forwarding to the next with
 * a Vert.x client, the last answering 200. No tracing, no scripts, no limits, no recording.
 */
final class BareVertxChain implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServer> servers = new ArrayList<>();
    final int entryPort;

    BareVertxChain(int hops) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(256).setKeepAlive(true).setTcpNoDelay(true));
        int next = -1;
        for (int i = hops - 1; i >= 0; i--) {
            int downstream = next;
            HttpServer s = vertx.createHttpServer().requestHandler(req -> {
                if (downstream < 0) {
                    req.response().end("ok");
                    return;
                }
                client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(downstream).setURI("/"))
                        .compose(r -> r.send().compose(resp -> resp.body()))
                        .onComplete(ar -> {
                            if (ar.succeeded()) req.response().end("ok");
                            else req.response().setStatusCode(500).end();
                        });
            });
            s.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
            servers.add(s);
            next = s.actualPort();
        }
        entryPort = next;
    }

    @Override
    public void close() {
        Future.join(servers.stream().map(HttpServer::close).toList()).toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
