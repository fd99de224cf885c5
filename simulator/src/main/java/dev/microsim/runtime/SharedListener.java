package dev.microsim.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * One port for every call between services of a large mesh: a few Vert.x servers sharing the port
 * (one per event loop) route each request by its {@value #ROUTE} header ({@code service/replica},
 * or {@code service} for round robin among its replicas that are up) to the replica's own event-loop
 * context. Callers then pool connections to one address, so a mesh's sockets no longer grow with its
 * services. A request for a replica that is down has its connection closed, as its own port would
 * refuse it.
 */
final class SharedListener implements AutoCloseable {
    static final String ROUTE = "x-microsim-route";

    private final LocalMesh mesh;
    private final List<HttpServer> servers = new ArrayList<>();
    private int port;

    SharedListener(LocalMesh mesh) {
        this.mesh = mesh;
    }

    int port() {
        return port;
    }

    /** Binds {@code instances} servers on one free loopback port. */
    Future<Void> start(int instances) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free loopback port for the shared listener", e);
        }
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Promise<Void> bound = Promise.promise();
            mesh.vertx.getOrCreateContext().runOnContext(v -> {
                HttpServer s = mesh.vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true)
                        .setTcpNoDelay(true).setIdleTimeout(0)).requestHandler(this::route);
                synchronized (servers) {
                    servers.add(s);
                }
                s.listen().<Void>mapEmpty().onComplete(bound);
            });
            all.add(bound.future());
        }
        return Future.all(all).mapEmpty();
    }

    private void route(HttpServerRequest req) {
        String route = req.getHeader(ROUTE);
        if (route == null) {
            req.response().setStatusCode(421).end("missing " + ROUTE + " header: this port serves calls between simulated services");
            return;
        }
        ReplicaServer target = mesh.routed(route);
        if (target == null) {
            req.response().setStatusCode(404).end(ROUTE + ": no replica \"" + route + "\"");
            return;
        }
        if (!target.interpreter.up()) {
            req.connection().close(); // a killed replica refuses, as its own port would
            return;
        }
        target.context.runOnContext(v -> target.accept(req));
    }

    @Override
    public void close() {
        List<HttpServer> all;
        synchronized (servers) {
            all = List.copyOf(servers);
        }
        all.forEach(HttpServer::close);
    }
}
