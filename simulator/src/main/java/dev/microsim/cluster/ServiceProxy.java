package dev.microsim.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service's address in a cluster-shaped run on one machine, as kube-proxy makes a ClusterIP
 * Service: one port on 127.0.0.1 that balances TCP connections round-robin over the service's pods
 * (HTTP keep-alive pins a connection to its pod, as in a cluster). Written by hand on purpose: it
 * is a byte pump of a few lines on Vert.x, where an HTTP reverse proxy would change what callers see.
 */
final class ServiceProxy implements AutoCloseable {
    private final String service;
    private final NetServer server;
    private final NetClient client;
    private final List<Integer> pods = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    private ServiceProxy(Vertx vertx, String service) {
        this.service = service;
        this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000).setTcpNoDelay(true));
        this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true)).connectHandler(this::connect);
    }

    static ServiceProxy start(Vertx vertx, String service) {
        ServiceProxy p = new ServiceProxy(vertx, service);
        try {
            p.server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the address of service " + service + " cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
        return p;
    }

    int port() {
        return server.actualPort();
    }

    /** A pod of the service is ready on {@code port}: connections go to it from now on. */
    void add(int port) {
        pods.add(port);
    }

    /** Connections closed at once because no pod was ready (a Service without endpoints refuses the same way). */
    long refused() {
        return refused.get();
    }

    private void connect(NetSocket in) {
        in.pause();
        List<Integer> ready = List.copyOf(pods);
        if (ready.isEmpty()) {
            refused.incrementAndGet();
            in.close();
            return;
        }
        int port = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
        client.connect(port, "127.0.0.1").onSuccess(out -> {
            in.pipeTo(out);
            out.pipeTo(in);
        }).onFailure(e -> in.close()); // the pod is down (a crash fault): the caller sees its connection fail
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("closing the address of service " + service + ": " + e.getMessage(), e);
        }
    }
}
