package dev.microsim.detector.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label-free view: what detectors get must not depend on, or carry, the ground truth. */
class TelemetryReaderTest {

    @TempDir
    Path dir;

    private void writeDataset(boolean withLabels) throws Exception {
        Files.writeString(dir.resolve("manifest.json"), """
                {"formatVersion": 1, "complete": true, "incompleteReason": null, "interval": "PT1S", "files": {}}
                """);
        Files.writeString(dir.resolve("metrics.csv"), """
                time,service,endpoint,metric,value
                2026-11-24T15:00:01.000Z,cart,GET /cart,latency_p99_ms,12.5
                2026-11-24T15:00:00.000Z,cart,GET /cart,latency_p99_ms,10
                2026-11-24T15:00:00.000Z,cart,,memory_bytes,1024
                """);
        Files.writeString(dir.resolve("logs.jsonl"), """
                {"time":"2026-11-24T15:00:00.500Z","service":"cart","instance":"cart-0","level":"INFO","template":"request {} served in {} ms","message":"request GET /cart served in 12 ms","traceId":"0af7651916cd43dd8448eb211c80319c"}
                {"time":"2026-11-24T15:00:00.700Z","service":"cart","instance":"cart-0","level":"ERROR","template":"boom","message":"boom","traceId":null}
                """);
        if (withLabels) {
            Files.writeString(dir.resolve("labels.json"), "{\"formatVersion\": 1, \"faults\": []}");
        }
    }

    @Test
    void readsSeriesSortedByInstantWithoutLabels() throws Exception {
        writeDataset(false);
        Telemetry telemetry = new TelemetryReader().read(dir);
        MetricSeries latency = telemetry.metricsByName().get("cart/GET /cart/latency_p99_ms");
        assertThat(latency.service()).isEqualTo("cart");
        assertThat(latency.endpoint()).isEqualTo("GET /cart");
        assertThat(latency.metric()).isEqualTo("latency_p99_ms");
        assertThat(latency.values()).containsExactly(10, 12.5);
        assertThat(telemetry.metricsByName().get("cart//memory_bytes").endpoint()).isEmpty();
        assertThat(telemetry.logs()).contains(dir.resolve("logs.jsonl"));
        assertThat(telemetry.traces()).isEmpty();
        // The scorer's reader needs the labels; the telemetry reader never looked for them.
        assertThatThrownBy(() -> new MicroSimDatasetReader().read(dir))
                .isInstanceOf(InputException.class).hasMessageContaining("labels.json: not found");
    }

    @Test
    void logLinesCarryTheMessageButNotTheGroundTruthTemplate() throws Exception {
        writeDataset(true);
        List<LogLine> lines = new ArrayList<>();
        LogLines.read(dir.resolve("logs.jsonl"), lines::add);
        assertThat(lines).containsExactly(
                new LogLine(1795532400500L, "cart", "cart-0", "INFO", "request GET /cart served in 12 ms", "0af7651916cd43dd8448eb211c80319c"),
                new LogLine(1795532400700L, "cart", "cart-0", "ERROR", "boom", null));
        assertThat(LogLine.class.getRecordComponents()).extracting(c -> c.getName()).doesNotContain("template");
    }

    @Test
    void badLogLinesAreAllReportedWithTheirLineNumbers() throws Exception {
        Path logs = dir.resolve("logs.jsonl");
        Files.writeString(logs, """
                {"time":"2026-11-24T15:00:00.500Z","service":"cart","level":"INFO","message":"ok"}
                not json
                {"time":"yesterday","service":"cart","level":"INFO","message":"x"}
                """);
        assertThatThrownBy(() -> LogLines.read(logs, l -> { }))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("logs.jsonl:2: \"not json\" is not a log record")
                .hasMessageContaining("logs.jsonl:3:");
    }

    @Test
    void rowsInAnyOrderAreSortedAndATimeGivenTwiceKeepsItsLastValue() throws Exception {
        writeDataset(false);
        Files.writeString(dir.resolve("metrics.csv"), """
                time,service,endpoint,metric,value
                2026-11-24T15:00:02.000Z,cart,,rps,3
                2026-11-24T15:00:00.000Z,cart,,rps,1
                2026-11-24T15:00:02.000Z,cart,,rps,4
                2026-11-24T15:00:01.000Z,cart,,rps,2
                2026-11-24T15:00:03.000Z,cart,,rps,5
                2026-11-24T15:00:03.000Z,cart,,errors,0
                """);
        Telemetry telemetry = new TelemetryReader().read(dir);
        MetricSeries rps = telemetry.metricsByName().get("cart//rps");
        assertThat(rps.epochMillis()).containsExactly(1795532400000L, 1795532401000L, 1795532402000L, 1795532403000L);
        assertThat(rps.values()).containsExactly(1, 2, 4, 5);
        assertThat(telemetry.metricsByName().get("cart//errors").epochMillis()).containsExactly(1795532403000L);
    }

    @Test
    void everyBadTimeIsReportedEvenWhenRowsShareIt() throws Exception {
        writeDataset(false);
        Files.writeString(dir.resolve("metrics.csv"), """
                time,service,endpoint,metric,value
                noon,cart,,rps,1
                noon,cart,,errors,0
                2026-11-24T15:00:00.000Z,cart,,cpu,x
                """);
        assertThatThrownBy(() -> new TelemetryReader().read(dir))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("metrics.csv:2: column \"time\": \"noon\" is not an ISO-8601 instant")
                .hasMessageContaining("metrics.csv:3: column \"time\": \"noon\" is not an ISO-8601 instant")
                .hasMessageContaining("metrics.csv:4: column \"value\": \"x\" is not a finite number");
    }

    @Test
    void seriesInstantsMustStrictlyIncrease() {
        assertThatThrownBy(() -> new MetricSeries("a/b/c", "a", "b", "c", new long[] {1, 1}, new double[] {0, 0}))
                .hasMessage("a/b/c: instants must strictly increase, point 1 is not after point 0");
    }
}
