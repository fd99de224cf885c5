package dev.microsim.recorder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a dataset directory (docs/dataset-format.md, version 1). Telemetry arrives from event
 * loops through a bounded queue and is written by one writer thread; when the queue is full a
 * record is dropped and counted (never blocks the mesh), and the manifest reports the drops.
 * The manifest is written at open ({@code complete=false}, "run in progress"), and again, last
 * and atomically, by {@link #finish} or {@link #abort}.
 *
 * <p>Spans and metric rows, the bulk of a dataset, are written by hand-written byte writers
 * ({@link SpanJson}, byte-identical to Jackson's generator; {@link MetricCsv}); logs with Jackson's
 * streaming generator; load rows with plain buffered writes (no field needs quoting except for
 * endpoints, which never contain commas or quotes: {@code METHOD /path} with no spaces in the path).
 */
public final class DatasetRecorder implements TelemetrySink, ClientStatsSink, AutoCloseable {
    public static final int FORMAT_VERSION = 1;
    public static final List<String> FILES = List.of("scenario.yaml", "metrics.csv", "traces.jsonl", "logs.jsonl", "load.csv", "labels.json");

    private static final Object STOP = new Object();

    private final Path dir;
    private final Clock clock;
    private final RunInfo info;
    // Lock-free queue + a size counter for the bound: producers are event loops and must never
    // park on a lock (an ArrayBlockingQueue's lock, shared with the writer's drain, cost a third
    // of the mesh's throughput in MeshThroughputBench).
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    /** Producers wait for room instead of dropping (a run in virtual time can wait; a live one cannot). */
    private final boolean waitWhenFull;
    private final Thread writer;
    private final Stream metrics;
    private final Stream traces;
    private final Stream logs;
    private final Stream load;
    private final SpanJson spanJson;
    private final MetricCsv metricCsv;
    private final JsonGenerator logJson;
    private final IsoTime otherTime = new IsoTime();
    private final Counts spans = new Counts();
    private final Counts metricCounts = new Counts();
    private final Counts logCounts = new Counts();
    private final Counts loadCounts = new Counts();
    private final Map<String, Object> labels = new LinkedHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private volatile boolean accepting = true;
    private boolean closed;
    private volatile IOException writeFailure;

    private static final class Counts {
        final AtomicLong recorded = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        Map<String, Long> json() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("recorded", recorded.get());
            m.put("dropped", dropped.get());
            return m;
        }
    }

    /** A file being written with its SHA-256 computed on the way. */
    private static final class Stream {
        final Path path;
        final MessageDigest digest;
        final OutputStream out;

        Stream(Path path) throws IOException {
            this.path = path;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(path), digest), 1 << 16);
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private DatasetRecorder(Path dir, String scenarioYaml, RunInfo info, Clock clock, int queueCapacity, boolean waitWhenFull)
            throws IOException {
        this.waitWhenFull = waitWhenFull;
        this.dir = dir;
        this.clock = clock;
        this.info = info;
        this.capacity = queueCapacity;
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("manifest.json"));
        Files.writeString(dir.resolve("scenario.yaml"), scenarioYaml);
        metrics = new Stream(dir.resolve("metrics.csv"));
        metrics.write("time,service,endpoint,metric,value\n");
        load = new Stream(dir.resolve("load.csv"));
        load.write("time,target,metric,value\n");
        traces = new Stream(dir.resolve("traces.jsonl"));
        logs = new Stream(dir.resolve("logs.jsonl"));
        JsonFactory f = new JsonFactory();
        f.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        spanJson = new SpanJson(traces.out);
        metricCsv = new MetricCsv(metrics.out);
        logJson = f.createGenerator(logs.out).setRootValueSeparator(null);
        writeManifest(false, "run in progress", null, Map.of());
        writer = new Thread(this::drainLoop, "microsim-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Creates (or overwrites the dataset files in) {@code dir} and starts the writer thread.
     * {@code queueCapacity} bounds the records waiting to be written.
     */
    public static DatasetRecorder open(Path dir, String scenarioYaml, RunInfo info, Clock clock, int queueCapacity) {
        return open(dir, scenarioYaml, info, clock, queueCapacity, false);
    }

    /**
     * As {@link #open(Path, String, RunInfo, Clock, int)}; with {@code waitWhenFull} a producer that
     * finds the queue full waits until the writer has made room instead of dropping the record, so
     * nothing is lost (for producers that may wait: a run in virtual time).
     */
    public static DatasetRecorder open(Path dir, String scenarioYaml, RunInfo info, Clock clock, int queueCapacity, boolean waitWhenFull) {
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
        try {
            return new DatasetRecorder(dir, scenarioYaml, info, clock, queueCapacity, waitWhenFull);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create dataset in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- intake (any thread, never blocks)

    private void offer(Object record, Counts counts) {
        offer(record, counts, 1);
    }

    /** One queue entry standing for {@code records} records (a batch is dropped, and counted, as a whole). */
    private void offer(Object record, Counts counts, int records) {
        if (!accepting) {
            counts.dropped.addAndGet(records);
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            if (!waitWhenFull || !awaitRoom()) {
                counts.dropped.addAndGet(records);
                return;
            }
        }
        queue.offer(record);
    }

    /** One interval's metric rows, handed over as one entry (a large mesh samples hundreds of thousands of rows at once). */
    private record MetricBatch(List<MetricRow> rows) {}

    /** Waits until the queue has room and takes a place in it; false if the recorder stopped meanwhile. */
    private boolean awaitRoom() {
        while (accepting && writeFailure == null) {
            if (queued.incrementAndGet() <= capacity) return true;
            queued.decrementAndGet();
            LockSupport.parkNanos(50_000);
        }
        return false;
    }

    @Override
    public void span(SpanRecord span) {
        offer(span, spans);
    }

    @Override
    public void log(LogRecord log) {
        offer(log, logCounts);
    }

    @Override
    public void metric(MetricRow row) {
        offer(row, metricCounts);
    }

    /** The list becomes the recorder's: the caller must not change it afterwards (a sampler makes a new one per interval). */
    @Override
    public void metrics(List<MetricRow> rows) {
        if (!rows.isEmpty()) offer(new MetricBatch(rows), metricCounts, rows.size());
    }

    @Override
    public void accept(ClientStats stats) {
        offer(stats, loadCounts);
    }

    /** Adds or replaces (by id) a ground-truth label: the fault engine reports each fault as planned and as applied. */
    public synchronized void label(LabelRecord label) {
        labels.put(label.id(), toJson(label));
    }

    /**
     * Adds or replaces (by id) a label already in its labels.json shape (the fault injector's
     * {@code DatasetFiles.label}); any Jackson-serialisable value.
     */
    public synchronized void label(String id, Object json) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("label id is required");
        labels.put(id, json);
    }

    public long droppedTotal() {
        return spans.dropped.get() + metricCounts.dropped.get() + logCounts.dropped.get() + loadCounts.dropped.get();
    }

    public long spansRecorded() {
        return spans.recorded.get();
    }

    // ---------------------------------------------------------------- writer thread

    private void drainLoop() {
        try {
            while (true) {
                Object o = queue.poll();
                if (o == null) {
                    LockSupport.parkNanos(500_000); // idle: nothing to signal producers about, so just look again soon
                    if (Thread.interrupted()) return;
                    continue;
                }
                queued.decrementAndGet();
                if (o == STOP) {
                    flushAll();
                    return;
                }
                write(o);
            }
        } catch (IOException e) {
            writeFailure = e;
            accepting = false;
        }
    }

    private void flushAll() throws IOException {
        spanJson.flushBuffer();
        metricCsv.flushBuffer();
        logJson.flush();
        for (Stream s : List.of(metrics, traces, logs, load)) s.out.flush();
    }

    private void write(Object o) throws IOException {
        if (o instanceof SpanRecord s) {
            writeSpan(s);
            spans.recorded.incrementAndGet();
        } else if (o instanceof LogRecord l) {
            writeLog(l);
            logCounts.recorded.incrementAndGet();
        } else if (o instanceof MetricRow m) {
            metricCsv.write(m);
            metricCounts.recorded.incrementAndGet();
        } else if (o instanceof MetricBatch b) {
            metricCsv.write(b.rows());
            metricCounts.recorded.addAndGet(b.rows().size());
        } else if (o instanceof ClientStats c) {
            writeLoad(c);
            loadCounts.recorded.incrementAndGet();
        }
    }

    private void writeSpan(SpanRecord s) throws IOException {
        spanJson.write(s);
    }

    private void writeLog(LogRecord l) throws IOException {
        JsonGenerator g = logJson;
        g.writeStartObject();
        g.writeStringField("time", otherTime.format(l.epochNanos()));
        g.writeStringField("service", l.service());
        g.writeStringField("instance", l.instance());
        g.writeStringField("level", l.level().name());
        g.writeStringField("template", l.template());
        g.writeStringField("message", l.message());
        g.writeStringField("traceId", l.traceId());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private void writeLoad(ClientStats c) throws IOException {
        String t = otherTime.format(toNanos(c.intervalStart())) + "," + csv(c.target()) + ",";
        StringBuilder b = new StringBuilder(256);
        b.append(t).append("requests,").append(c.requests()).append('\n');
        b.append(t).append("errors,").append(c.errors()).append('\n');
        if (c.requests() > 0) {
            b.append(t).append("latency_p50_ms,").append(number(c.p50Millis())).append('\n');
            b.append(t).append("latency_p95_ms,").append(number(c.p95Millis())).append('\n');
            b.append(t).append("latency_p99_ms,").append(number(c.p99Millis())).append('\n');
        }
        new TreeMap<>(c.byStatus()).forEach((code, n) -> b.append(t).append("status_").append(code).append(',').append(n).append('\n'));
        load.write(b.toString());
    }

    private static long toNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Targets like {@code frontend GET /home} contain no comma or quote; quote defensively if one ever does. */
    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static String number(double v) {
        return MetricCsv.number(v);
    }

    // ---------------------------------------------------------------- end of run

    /** A clean end: everything queued is written, then the manifest with {@code complete=true}. */
    public void finish() {
        end(true, null);
    }

    /** An interrupted or failed run: what was queued is written, the manifest says why it is incomplete. */
    public void abort(String reason) {
        end(false, reason == null || reason.isBlank() ? "run aborted" : reason);
    }

    @Override
    public void close() {
        abort("recorder closed before the run finished");
    }

    private synchronized void end(boolean complete, String reason) {
        if (closed) return;
        closed = true;
        accepting = false;
        Instant end = clock.instant();
        try {
            queue.offer(STOP); // after accepting=false nothing else arrives; STOP is last
            writer.join(TimeUnit.SECONDS.toMillis(30));
            if (writer.isAlive()) {
                writer.interrupt();
                complete = false;
                reason = "recorder could not write everything within 30 s";
            }
            countLeftovers();
            logJson.close();
            Map<String, Object> files = new LinkedHashMap<>();
            for (Stream s : List.of(metrics, traces, logs, load)) {
                s.out.close();
            }
            writeLabels();
            files.put("scenario.yaml", fileEntry(dir.resolve("scenario.yaml"), null));
            files.put("metrics.csv", fileEntry(metrics.path, metrics.digest));
            files.put("traces.jsonl", fileEntry(traces.path, traces.digest));
            files.put("logs.jsonl", fileEntry(logs.path, logs.digest));
            files.put("load.csv", fileEntry(load.path, load.digest));
            files.put("labels.json", fileEntry(dir.resolve("labels.json"), null));
            if (writeFailure != null) {
                complete = false;
                reason = "writing telemetry failed: " + writeFailure.getMessage();
            }
            writeManifest(complete, reason, end, files);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeManifestQuietly(reason == null ? "interrupted while finishing" : reason, end);
        } catch (IOException e) {
            writeManifestQuietly("finishing the dataset failed: " + e.getMessage(), end);
            throw new UncheckedIOException("finishing dataset " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** Records that raced past {@code accepting} and landed behind STOP: not written, so counted as dropped. */
    private void countLeftovers() {
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof SpanRecord) spans.dropped.incrementAndGet();
            else if (o instanceof LogRecord) logCounts.dropped.incrementAndGet();
            else if (o instanceof MetricRow) metricCounts.dropped.incrementAndGet();
            else if (o instanceof MetricBatch b) metricCounts.dropped.addAndGet(b.rows().size());
            else if (o instanceof ClientStats) loadCounts.dropped.incrementAndGet();
        }
    }

    private void writeManifestQuietly(String reason, Instant end) {
        try {
            writeManifest(false, reason, end, Map.of());
        } catch (IOException suppressed) {
            // The directory is gone or full: nothing more can be said inside it.
            System.err.println("microsim: cannot write manifest in " + dir + ": " + suppressed.getMessage());
        }
    }

    private Map<String, Object> fileEntry(Path p, MessageDigest digest) throws IOException {
        String sha = digest != null ? HexFormat.of().formatHex(digest.digest()) : sha256File(p);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sha256", sha);
        m.put("bytes", Files.size(p));
        return m;
    }

    private static String sha256File(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void writeLabels() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("faults", new ArrayList<>(labels.values()));
        mapper.writeValue(dir.resolve("labels.json").toFile(), root);
    }

    private static Map<String, Object> toJson(LabelRecord l) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("kind", l.kind());
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("service", l.target().service());
            t.put("endpoint", l.target().endpoint());
            t.put("replicas", l.target().replicas());
            t.put("caller", l.target().caller());
            m.put("target", t);
            m.put("parameters", l.parameters());
            m.put("planned", window(l.plannedStart(), l.plannedEnd()));
            m.put("actual", window(l.actualStart(), l.actualEnd()));
            m.put("rootCauses", l.rootCauses());
            m.put("affected", l.affected());
            return m;
    }

    private static Map<String, Object> window(Instant start, Instant end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", IsoTime.format(start));
        m.put("end", IsoTime.format(end));
        return m;
    }

    private void writeManifest(boolean complete, String reason, Instant end, Map<String, Object> files) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", FORMAT_VERSION);
        m.put("complete", complete);
        m.put("incompleteReason", complete ? null : reason);
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", info.scenarioName());
        scenario.put("sha256", info.scenarioSha256());
        m.put("scenario", scenario);
        m.put("seed", info.seed());
        m.put("start", IsoTime.format(info.start()));
        m.put("end", IsoTime.format(end));
        m.put("interval", info.interval().toString());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("spans", spans.json());
        counts.put("metrics", metricCounts.json());
        counts.put("logs", logCounts.json());
        counts.put("load", loadCounts.json());
        m.put("counts", counts);
        m.put("files", files);
        Path tmp = dir.resolve("manifest.json.tmp");
        mapper.writeValue(tmp.toFile(), m);
        Files.move(tmp, dir.resolve("manifest.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
