package dev.microsim.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRecorderTest {
    final ObjectMapper json = new ObjectMapper();
    final RunInfo info = new RunInfo("t", DatasetRecorder.sha256("x"), 9, Instant.parse("2026-11-24T15:00:00Z"), Duration.ofSeconds(1));

    SpanRecord span(int i) {
        long t = 1_790_000_000_000_000_000L + i * 1_000_000L;
        return new SpanRecord("0af7651916cd43dd8448eb211c80319c", String.format("%016x", i), null, "cart", "cart-0", "GET /cart",
                SpanRecord.Kind.SERVER, t, t + 1_234_000, 200, false);
    }

    @Test
    void writesEveryFileWithChecksumsAndACompleteManifestLast(@TempDir Path dir) throws Exception {
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 1000);
        assertThat(json.readTree(dir.resolve("manifest.json").toFile()).get("complete").asBoolean()).isFalse();
        rec.span(span(1));
        rec.log(new LogRecord(1_790_000_000_123_000_000L, "cart", "cart-0", LogRecord.Level.WARN, "slow {}", "slow x", null));
        rec.metric(new MetricRow(Instant.parse("2026-11-24T15:00:01Z"), "cart", "", "memory_bytes", 1024));
        rec.label(new LabelRecord("f1", "latency", new LabelRecord.Target("cart", null, null, null), Map.of("delay", "200ms"),
                Instant.parse("2026-11-24T15:00:10Z"), Instant.parse("2026-11-24T15:00:20Z"), Instant.parse("2026-11-24T15:00:10.004Z"),
                null, List.of("cart"), List.of("cart", "frontend")));
        rec.finish();

        JsonNode m = json.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).isTrue();
        assertThat(m.get("counts").get("spans").get("recorded").asLong()).isEqualTo(1);
        assertThat(m.get("counts").get("logs").get("recorded").asLong()).isEqualTo(1);
        assertThat(m.get("counts").get("metrics").get("recorded").asLong()).isEqualTo(1);
        for (String f : DatasetRecorder.FILES) {
            byte[] bytes = Files.readAllBytes(dir.resolve(f));
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(m.get("files").get(f).get("sha256").asText()).as(f).isEqualTo(sha);
            assertThat(m.get("files").get(f).get("bytes").asLong()).isEqualTo(bytes.length);
        }
        JsonNode line = json.readTree(Files.readAllLines(dir.resolve("traces.jsonl")).get(0));
        assertThat(line.get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(line.get("durationMicros").asLong()).isEqualTo(1234);
        assertThat(line.get("parentSpanId").isNull()).isTrue();
        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).containsExactly("time,service,endpoint,metric,value",
                "2026-11-24T15:00:01.000Z,cart,,memory_bytes,1024");
        JsonNode label = json.readTree(dir.resolve("labels.json").toFile()).get("faults").get(0);
        assertThat(label.get("actual").get("start").asText()).isEqualTo("2026-11-24T15:00:10.004Z");
        assertThat(label.get("actual").get("end").isNull()).isTrue();
        // Ground truth stays out of the telemetry.
        assertThat(Files.readString(dir.resolve("traces.jsonl")) + Files.readString(dir.resolve("logs.jsonl"))).doesNotContain("f1", "latency");
    }

    @Test
    void aFullQueueDropsAndCountsEveryDrop(@TempDir Path dir) throws Exception {
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 8);
        int offered = 200_000;
        for (int i = 0; i < offered; i++) rec.span(span(i));
        rec.finish();
        JsonNode spans = json.readTree(dir.resolve("manifest.json").toFile()).get("counts").get("spans");
        long recorded = spans.get("recorded").asLong();
        long dropped = spans.get("dropped").asLong();
        assertThat(dropped).isPositive();
        assertThat(recorded + dropped).isEqualTo(offered);
        assertThat(Files.readAllLines(dir.resolve("traces.jsonl"))).hasSize((int) recorded);
    }

    /** SIGKILL used to leave metrics.csv, load.csv and logs.jsonl empty: everything sat in Java buffers. */
    @Test
    void whatIsRecordedReachesTheFilesWithinAboutASecondWithoutFinishing(@TempDir Path dir) throws Exception {
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 1000);
        try {
            rec.metric(new MetricRow(Instant.parse("2026-11-24T15:00:01Z"), "cart", "", "memory_bytes", 1024));
            rec.span(span(1));
            rec.label("f1", Map.of("id", "f1", "actual", Map.of("start", "2026-11-24T15:00:01.000Z")));
            // Read as another process would after a kill: only what the OS has, nothing from Java's buffers.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !(Files.readString(dir.resolve("metrics.csv")).contains("memory_bytes")
                    && Files.size(dir.resolve("traces.jsonl")) > 0 && Files.exists(dir.resolve("labels.json")))) {
                Thread.sleep(50);
            }
            assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).contains("2026-11-24T15:00:01.000Z,cart,,memory_bytes,1024");
            assertThat(Files.readAllLines(dir.resolve("traces.jsonl"))).hasSize(1);
            assertThat(json.readTree(dir.resolve("labels.json").toFile()).path("faults").get(0).path("id").asText()).isEqualTo("f1");
            assertThat(json.readTree(dir.resolve("manifest.json").toFile()).path("incompleteReason").asText()).isEqualTo("run in progress");
        } finally {
            rec.finish();
        }
    }

    /** A full disk used to leave a stack trace, a manifest saying "run in progress" and no labels. */
    @Test
    void aFullDiskStopsTheRecorderAndTheManifestSaysWhy(@TempDir Path dir) throws Exception {
        // /dev/full answers every write with ENOSPC, the kernel's own "No space left on device".
        Files.createSymbolicLink(dir.resolve("traces.jsonl"), Path.of("/dev/full"));
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 100_000);
        rec.label("f1", Map.of("id", "f1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int i = 0; rec.failure().isEmpty() && System.nanoTime() < deadline; i++) {
            rec.span(span(i));
            if (i % 1000 == 0) Thread.sleep(5);
        }
        assertThat(rec.failure()).hasValueSatisfying(f -> assertThat(f).isEqualTo("writing traces.jsonl failed: No space left on device"));
        MetricRow row = new MetricRow(Instant.parse("2026-11-24T15:00:01Z"), "cart", "", "memory_bytes", 1);
        assertThatThrownBy(() -> rec.metric(row)).isInstanceOf(DatasetWriteException.class)
                .hasMessage("writing traces.jsonl failed: No space left on device");
        rec.abort("run failed: writing traces.jsonl failed: No space left on device");
        JsonNode m = json.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).isFalse();
        assertThat(m.get("incompleteReason").asText()).contains("No space left on device").contains("traces.jsonl");
        assertThat(json.readTree(dir.resolve("labels.json").toFile()).path("faults").get(0).path("id").asText()).isEqualTo("f1");
        assertThat(dir.resolve(dev.microsim.faults.schedule.DatasetFiles.RESERVE)).doesNotExist();
        assertThat(dir.resolve(dev.microsim.faults.schedule.RunLock.FILE)).doesNotExist();
    }

    /**
     * A write that fails only in the last flush (a short fast run ends before the writer meets the full
     * disk) used to leave an incomplete manifest behind a run reported complete (exit 0).
     */
    @Test
    void finishSaysWhenTheLastWritesFailed(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("traces.jsonl"), Path.of("/dev/full"));
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 100);
        rec.span(span(1));
        assertThat(rec.finish()).hasValueSatisfying(why -> assertThat(why).contains("writing traces.jsonl failed: No space left on device"));
        JsonNode m = json.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).isFalse();
        assertThat(m.get("incompleteReason").asText()).contains("No space left on device");
    }

    @Test
    void aCleanFinishSaysNothing(@TempDir Path dir) {
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 100);
        rec.span(span(1));
        assertThat(rec.finish()).isEmpty();
    }

    @Test
    void aSecondRecorderOnTheSameDirectoryIsRefusedWhileTheFirstIsOpen(@TempDir Path dir) {
        DatasetRecorder first = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 10);
        assertThatThrownBy(() -> DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 10))
                .hasMessage(dir + ": another run is writing this dataset right now (run.lock is locked)");
        first.finish();
        DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 10).finish();
    }

    @Test
    void abortLeavesAnIncompleteManifestWithTheReason(@TempDir Path dir) throws Exception {
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: t\n", info, Clock.systemUTC(), 100);
        rec.span(span(1));
        rec.abort("interrupted by a signal");
        rec.finish(); // too late: the first end wins
        JsonNode m = json.readTree(dir.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).isFalse();
        assertThat(m.get("incompleteReason").asText()).isEqualTo("interrupted by a signal");
        assertThat(Files.exists(dir.resolve("manifest.json.tmp"))).isFalse();
    }
}
