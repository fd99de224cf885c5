package dev.microsim.bench;

import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.recorder.RunInfo;
import dev.microsim.telemetry.SpanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Recorder throughput: (1) two producer threads offering spans as fast as they can for 5 s —
 * the writer's ceiling and how drops are counted; (2) a paced 50,000 spans/s for 5 s, which must
 * record with zero drops.
 *
 * <pre>
 * java -Xmx2g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.RecorderBench
 * </pre>
 */
public final class RecorderBench {
    public static void main(String[] args) throws Exception {
        flatOut();
        paced(50_000, 5);
        for (int round = 0; round < 2; round++) {
            lossless(3_000_000);
            metricsLossless(2_000, 1_000); // 2,000 intervals of 1,000 rows: a 1,000-service mesh's rows
        }
    }

    /** Fast mode's case: one producer that waits for room, nothing dropped; spans/s from the first offer to the final manifest. */
    static void lossless(int spans) throws Exception {
        Path dir = Files.createTempDirectory("rec-bench");
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: bench\n", new RunInfo("bench", "-", 1, Clock.systemUTC().instant(), Duration.ofSeconds(1)),
                Clock.systemUTC(), 262_144, true);
        long t0 = System.nanoTime();
        for (int i = 0; i < spans; i++) rec.span(span(i));
        rec.finish();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("lossless, 1 producer: %d spans in %.2f s, %.0f spans/s, %d dropped%n", rec.spansRecorded(), s, rec.spansRecorded() / s,
                rec.droppedTotal());
        deleteTree(dir);
    }

    static void metricsLossless(int intervals, int rowsPerInterval) throws Exception {
        Path dir = Files.createTempDirectory("rec-bench");
        DatasetRecorder rec = DatasetRecorder.open(dir, "name: bench\n", new RunInfo("bench", "-", 1, Clock.systemUTC().instant(), Duration.ofSeconds(1)),
                Clock.systemUTC(), 262_144, true);
        java.util.List<String> services = new java.util.ArrayList<>();
        for (int i = 0; i < rowsPerInterval / 10; i++) services.add("service-" + i);
        String[] metrics = {"requests", "errors", "rejections", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "latency_mean_ms", "inflight", "cpu_ms", "memory_bytes"};
        long t0 = System.nanoTime();
        java.time.Instant start = Clock.systemUTC().instant();
        for (int k = 0; k < intervals; k++) {
            java.time.Instant t = start.plusSeconds(k);
            java.util.List<dev.microsim.telemetry.MetricRow> rows = new java.util.ArrayList<>(rowsPerInterval);
            for (String svc : services) for (int m = 0; m < metrics.length; m++) rows.add(new dev.microsim.telemetry.MetricRow(t, svc, m < 7 ? "GET /x" : "", metrics[m], m < 3 ? k % 17 : 1.234 + k % 100));
            rec.metrics(rows);
        }
        rec.finish();
        double s = (System.nanoTime() - t0) / 1e9;
        long written = (long) intervals * rowsPerInterval;
        System.out.printf("lossless metric rows, %d per interval: %d rows in %.2f s, %.0f rows/s%n", rowsPerInterval, written, s, written / s);
        deleteTree(dir);
    }

    static SpanRecord span(long i) {
        long t = System.currentTimeMillis() * 1_000_000L;
        return new SpanRecord("0af7651916cd43dd8448eb211c80319c", Long.toHexString(0x1000000000000000L | i), "b7ad6b7169203331", "cart",
                "cart-0", "GET /cart", SpanRecord.Kind.SERVER, t, t + 1_234_000, 200, false);
    }

    static DatasetRecorder open(Path dir) {
        return DatasetRecorder.open(dir, "name: bench\n", new RunInfo("bench", "-", 1, Clock.systemUTC().instant(), Duration.ofSeconds(1)),
                Clock.systemUTC(), 262_144);
    }

    static void flatOut() throws Exception {
        Path dir = Files.createTempDirectory("rec-bench");
        DatasetRecorder rec = open(dir);
        long end = System.nanoTime() + 5_000_000_000L;
        Thread[] producers = new Thread[2];
        for (int p = 0; p < producers.length; p++) {
            producers[p] = new Thread(() -> {
                long i = 0;
                while (System.nanoTime() < end) rec.span(span(i++));
            });
            producers[p].start();
        }
        for (Thread t : producers) t.join();
        long t0 = System.nanoTime();
        rec.finish();
        double drainSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("flat out, 2 producers, 5 s: %d spans recorded (%.0f/s), %d dropped and counted, final drain %.2f s, traces.jsonl %.0f MiB%n",
                rec.spansRecorded(), rec.spansRecorded() / (5 + drainSeconds), rec.droppedTotal(), drainSeconds,
                Files.size(dir.resolve("traces.jsonl")) / 1048576.0);
        deleteTree(dir);
    }

    static void paced(int perSecond, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("rec-bench");
        DatasetRecorder rec = open(dir);
        long gap = 1_000_000_000L / (perSecond / 100); // batches of 100 spans
        long next = System.nanoTime();
        long total = (long) perSecond * seconds;
        for (long i = 0; i < total; i += 100) {
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            for (int k = 0; k < 100; k++) rec.span(span(i + k));
            next += gap;
        }
        rec.finish();
        System.out.printf("paced %d spans/s for %d s: %d recorded, %d dropped%n", perSecond, seconds, rec.spansRecorded(), rec.droppedTotal());
        deleteTree(dir);
    }

    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
        }
    }
}
