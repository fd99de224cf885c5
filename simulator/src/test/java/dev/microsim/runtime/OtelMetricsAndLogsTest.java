package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.telemetry.OtelExport;
import dev.microsim.telemetry.PrometheusEndpoint;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.ServiceMetrics;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** OTel SDK metrics and logs of the mesh: in-memory reader, a real Prometheus scrape, logs with trace context. */
class OtelMetricsAndLogsTest {
    static final int N = 25;

    @Test
    void serverDurationHistogramCountsEveryRequestPerServiceAndRoute() throws Exception {
        Map<String, InMemoryMetricReader> readers = new ConcurrentHashMap<>();
        var options = MeshOptions.defaults(1, TelemetrySink.NONE)
                .withOtel(OtelExport.metrics(s -> List.<MetricReader>of(readers.computeIfAbsent(s, k -> InMemoryMetricReader.create()))));
        try (LocalMesh mesh = LocalMesh.start(scenario(service("web", 1, call("db", 1.0)), service("db", 2, sleep(1))), options)) {
            for (int i = 0; i < N; i++) assertThat(get(mesh.uri(entry("web")))).isEqualTo(200);
            for (String service : List.of("web", "db")) {
                var metrics = readers.get(service).collectAllMetrics();
                MetricData duration = metric(metrics, "http.server.request.duration");
                assertThat(duration.getResource().getAttribute(ReplicaTelemetry.SERVICE_NAME)).isEqualTo(service);
                assertThat(duration.getUnit()).isEqualTo("s");
                HistogramPointData point = duration.getHistogramData().getPoints().stream()
                        .filter(p -> "/x".equals(p.getAttributes().get(ServiceMetrics.HTTP_ROUTE))).findFirst().orElseThrow();
                assertThat(point.getCount()).as(service).isEqualTo(N);
                assertThat(point.getAttributes().get(ServiceMetrics.HTTP_METHOD)).isEqualTo("GET");
                assertThat(point.getAttributes().get(ServiceMetrics.HTTP_STATUS)).isEqualTo(200L);
                assertThat(point.getSum()).isPositive();
                long requests = metric(metrics, "microsim.server.requests").getLongSumData().getPoints().iterator().next().getValue();
                assertThat(requests).isEqualTo(N);
                assertThat(metric(metrics, "microsim.replicas.up").getLongGaugeData().getPoints().iterator().next().getValue())
                        .isEqualTo(service.equals("db") ? 2 : 1);
                assertThat(metric(metrics, "microsim.memory.usage").getLongGaugeData().getPoints()).hasSize(service.equals("db") ? 2 : 1);
            }
        }
    }

    @Test
    void prometheusEndpointServesRequestCounterAndHistogramPerService() throws Exception {
        try (PrometheusEndpoint prometheus = PrometheusEndpoint.start(0)) {
            var options = MeshOptions.defaults(1, TelemetrySink.NONE).withOtel(OtelExport.metrics(s -> List.of(prometheus.readerFor(s))));
            try (LocalMesh mesh = LocalMesh.start(scenario(service("web", 1, call("db", 1.0)), service("db", 1, sleep(1))), options)) {
                for (int i = 0; i < N; i++) assertThat(get(mesh.uri(entry("web")))).isEqualTo(200);
                assertThat(prometheus.url().getHost()).isEqualTo("127.0.0.1");
                HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(prometheus.url())
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).isEqualTo(200);
                String body = scrape.body();
                assertThat(value(body, "microsim_server_requests_total", "web")).isEqualTo(N);
                assertThat(value(body, "http_server_request_duration_seconds_count", "web")).isEqualTo(N);
                assertThat(value(body, "http_server_request_duration_seconds_count", "db")).isEqualTo(N);
            }
        }
    }

    /** The value of the first series of {@code name} whose labels include service_name="service". */
    static double value(String exposition, String name, String service) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)").matcher(exposition);
        while (m.find()) {
            if (m.group(1).contains("service_name=\"" + service + "\"")) return Double.parseDouble(m.group(2));
        }
        throw new AssertionError("no " + name + " for service " + service + " in:\n" + exposition);
    }

    @Test
    void logRecordsCarryTheTraceOfTheRequestThatWroteThem() throws Exception {
        InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
        var options = MeshOptions.defaults(1, TelemetrySink.NONE).withAccessLogShare(1.0)
                .withOtel(OtelExport.logs(s -> List.of(SimpleLogRecordProcessor.create(logs))));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpan = "00f067aa0ba902b7";
        try (LocalMesh mesh = LocalMesh.start(scenario(service("web", 1, sleep(1))), options)) {
            URI uri = mesh.uri(entry("web"));
            int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).isEqualTo(200);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (served(logs.getFinishedLogRecordItems()).isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
            List<LogRecordData> served = served(logs.getFinishedLogRecordItems()); // before close, which empties the exporter
            assertThat(served).hasSize(1);
            LogRecordData log = served.get(0);
            assertThat(log.getSpanContext().getTraceId()).isEqualTo(traceId);
            assertThat(log.getSpanContext().getSpanId()).isNotEqualTo(parentSpan).matches("[0-9a-f]{16}"); // the server span's own id
            assertThat(log.getResource().getAttribute(ReplicaTelemetry.SERVICE_NAME)).isEqualTo("web");
            assertThat(log.getAttributes().get(ReplicaTelemetry.SERVICE_INSTANCE_ID)).isEqualTo("web-0");
            assertThat(log.getSeverity()).isEqualTo(Severity.INFO);
            assertThat(log.getBodyValue().asString()).startsWith("request GET /x served in ");
            // The replica's start-up line has no request: no trace context.
            assertThat(logs.getFinishedLogRecordItems()).anySatisfy(l -> {
                assertThat(l.getBodyValue().asString()).startsWith("replica web-0 listening");
                assertThat(l.getSpanContext().isValid()).isFalse();
            });
        }
    }

    private static List<LogRecordData> served(List<LogRecordData> all) {
        return all.stream().filter(l -> "request {} served in {} ms".equals(l.getAttributes().get(ReplicaTelemetry.LOG_TEMPLATE))).toList();
    }

    private static MetricData metric(java.util.Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all.stream().map(MetricData::getName).toList()));
    }
}
