package dev.microsim.telemetry;

import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Prometheus scrape endpoint on 127.0.0.1 for every service of the mesh. The OTel exporter's
 * {@link PrometheusHttpServer} is a reader of a single meter provider, but each simulated service
 * has its own provider (resource {@code service.name}); so each service gets a small forwarding
 * reader ({@link #readerFor}) and the server's one registration collects from all of them. The
 * {@code service.name} resource attribute is copied onto every series as the {@code service_name}
 * label, which keeps same-named series of different services apart.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private final PrometheusHttpServer server;
    private final int port;
    private final List<Forwarding> sources = new CopyOnWriteArrayList<>();

    private PrometheusEndpoint(PrometheusHttpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the HTTP server on 127.0.0.1:{@code port}; 0 picks a free port. */
    public static PrometheusEndpoint start(int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("prometheus port must be 0..65535, got " + port);
        // The exporter does not expose the bound address, so an ephemeral port is chosen up front.
        int bind = port == 0 ? freeLoopbackPort() : port;
        PrometheusHttpServer server = PrometheusHttpServer.builder().setHost("127.0.0.1").setPort(bind)
                .setAllowedResourceAttributesFilter(ReplicaTelemetry.SERVICE_NAME.getKey()::equals).build();
        PrometheusEndpoint endpoint = new PrometheusEndpoint(server, bind);
        server.register(new CollectionRegistration() {
            @Override
            public Collection<MetricData> collectAllMetrics() {
                List<MetricData> all = new ArrayList<>();
                for (Forwarding f : endpoint.sources) all.addAll(f.collect());
                return all;
            }
        });
        return endpoint;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the Prometheus endpoint", e);
        }
    }

    public int port() {
        return port;
    }

    /** The scrape URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /** A reader for one service's meter provider; it stops being scraped when that provider shuts down. */
    public MetricReader readerFor(String service) {
        Forwarding f = new Forwarding();
        sources.add(f);
        return f;
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Forwarding implements MetricReader {
        private volatile CollectionRegistration registration = CollectionRegistration.noop();

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return server.getAggregationTemporality(instrumentType);
        }

        @Override
        public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
            return server.getDefaultAggregation(instrumentType);
        }

        @Override
        public MemoryMode getMemoryMode() {
            return server.getMemoryMode();
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            sources.remove(this);
            return CompletableResultCode.ofSuccess();
        }
    }
}
