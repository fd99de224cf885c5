package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.TelemetrySink;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spans are real OpenTelemetry SDK spans: resource per replica, W3C context across the HTTP hop. */
class OtelSpansTest {
    @Test
    void everyHopIsAnSdkSpanWithServiceAndInstanceInTheResource() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        var options = MeshOptions.defaults(1, TelemetrySink.NONE).withSpanProcessors(List.of(SimpleSpanProcessor.create(exporter)));
        try (LocalMesh mesh = LocalMesh.start(scenario(service("web", 1, call("db", 1.0)), service("db", 2, sleep(1))), options)) {
            assertThat(get(mesh.uri(entry("web")))).isEqualTo(200);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (exporter.getFinishedSpanItems().size() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
            List<SpanData> spans = exporter.getFinishedSpanItems(); // read before shutdown, which empties it
            assertThat(spans).hasSize(3);
            SpanData dbServer = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER
                    && "db".equals(s.getResource().getAttribute(ReplicaTelemetry.SERVICE_NAME))).findFirst().orElseThrow();
            SpanData webClient = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
            assertThat(dbServer.getResource().getAttribute(ReplicaTelemetry.SERVICE_INSTANCE_ID)).matches("db-[01]");
            assertThat(webClient.getResource().getAttribute(ReplicaTelemetry.SERVICE_INSTANCE_ID)).isEqualTo("web-0");
            assertThat(dbServer.getParentSpanId()).isEqualTo(webClient.getSpanId());
            assertThat(dbServer.getTraceId()).isEqualTo(webClient.getTraceId());
            assertThat(dbServer.getAttributes().get(ReplicaTelemetry.HTTP_STATUS)).isEqualTo(200L);
        }
    }
}
