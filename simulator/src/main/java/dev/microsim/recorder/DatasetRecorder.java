package dev.microsim.recorder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.microsim.faults.schedule.DatasetFiles;
import dev.microsim.faults.schedule.RunLock;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.model.time.ClockStep;
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
import java.time.Duration;
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
 * <p>Nothing recorded is lost to a crash beyond the last second or so: the writer hands its
 * buffers to the operating system at least every {@link #flushEvery} (an interval, at most a
 * second), and labels.json is rewritten whenever a label changes, so after SIGKILL the files hold
 * what was recorded up to then and {@code --allow-partial} reads it. A write that fails (disk full)
 * stops the recorder: {@link #metric} then throws {@link DatasetWriteException}, so the run's
 * sampling loop stops the run (and recovers its faults) instead of going on blind, and the
 * manifest says why the dataset is incomplete; a reserve file set aside at open is freed first so
 * the manifest and labels still fit on a full disk. The directory is locked ({@link RunLock}) while
 * the recorder is open.
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
    /** Freed at the end of the run so the last manifest and labels.json fit even on a full disk. */
    static final int RESERVE_BYTES = 1 << 20;
    private static final Duration MAX_FLUSH_EVERY = Duration.ofSeconds(1);

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
    /** Guards the labels and their file; never the recorder itself, whose end() waits for the writer thread. */
    private final Object labelsLock = new Object();
    private final Map<String, Object> labels = new LinkedHashMap<>();
    private boolean labelsDirty;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private volatile boolean accepting = true;
    private boolean closed;
    /** Why writing stopped (which file, what the system said), or null while all is well. */
    private volatile String writeFailure;
    /** The mesh-up and load-start instants of a live run, or null (fast mode: no warm-up). */
    private volatile Instant[] warmUp;
    private volatile String mode;
    /** Fast mode's platform costs as the manifest's {@code platform} object, or null (other modes pay them for real). */
    private volatile Map<String, Object> platform;
    private volatile List<ClockStep> clockSteps = List.of();
    private final Map<String, Long> extraCounts = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final long flushEveryNanos;
    private final RunLock lock;
    private final Path reserve;

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

    private DatasetRecorder(Path dir, String scenarioYaml, RunInfo info, Clock clock, int queueCapacity, boolean waitWhenFull,
                            RunLock lock) throws IOException {
        this.waitWhenFull = waitWhenFull;
        this.dir = dir;
        this.clock = clock;
        this.info = info;
        this.capacity = queueCapacity;
        this.lock = lock;
        this.flushEveryNanos = (info.interval().compareTo(MAX_FLUSH_EVERY) < 0 ? info.interval() : MAX_FLUSH_EVERY).toNanos();
        this.reserve = dir.resolve(DatasetFiles.RESERVE);
        // Real blocks, not a sparse file: freeing them must give the disk space back.
        Files.write(reserve, new byte[RESERVE_BYTES]);
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
        RunLock lock = null;
        try {
            Files.createDirectories(dir);
            lock = RunLock.acquire(dir);
            return new DatasetRecorder(dir, scenarioYaml, info, clock, queueCapacity, waitWhenFull, lock);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            if (lock != null) lock.close();
            String why = e instanceof IllegalStateException ? e.getMessage() : "cannot create dataset in " + dir + ": " + describe(e);
            throw new UncheckedIOException(why, e instanceof IOException io ? io : new IOException(why, e));
        }
    }

    /** The operating system's words for an I/O failure, without Java's exception names. */
    static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason() + " (" + fs.getFile() + ")";
        if (t instanceof java.nio.file.NoSuchFileException) return "no such directory";
        if (t instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (t instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " is in the way (a file where a directory should be)";
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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

    /**
     * One metric row. Called by the run's sampling thread, which is therefore the one told when the
     * dataset can no longer be written.
     *
     * @throws DatasetWriteException once a write has failed (disk full, I/O error)
     */
    @Override
    public void metric(MetricRow row) {
        String failed = writeFailure;
        if (failed != null) throw new DatasetWriteException(failed);
        offer(row, metricCounts);
    }

    /**
     * One interval's rows, as one queue entry. The list becomes the recorder's: the caller must not
     * change it afterwards (a sampler makes a new one per interval).
     *
     * @throws DatasetWriteException once a write has failed, as {@link #metric}
     */
    @Override
    public void metrics(List<MetricRow> rows) {
        String failed = writeFailure;
        if (failed != null) throw new DatasetWriteException(failed);
        if (!rows.isEmpty()) offer(new MetricBatch(rows), metricCounts, rows.size());
    }

    /**
     * A live run: the mesh was up at {@code meshUp}, the load's first request went out at
     * {@code loadStart}, and the run's intervals and fault times count from there; the manifest's
     * {@code warmUp} says so (the seconds in between are not recorded).
     */
    public void warmUp(Instant meshUp, Instant loadStart) {
        if (loadStart.isBefore(meshUp)) throw new IllegalArgumentException("loadStart " + loadStart + " is before meshUp " + meshUp);
        warmUp = new Instant[] {meshUp, loadStart};
    }

    /** The run's mode ({@code local}, {@code fast}, {@code pods}, {@code kubernetes}), for the manifest's {@code mode}. */
    public void mode(String mode) {
        this.mode = mode;
    }

    /**
     * The platform costs a fast run modelled (hop, compute hand-off, timers: docs/fast-mode.md), for the
     * manifest's {@code platform}: a dataset says what it assumed the platform under the services cost.
     */
    public void platform(Map<String, Object> costs) {
        this.platform = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(costs));
    }

    /**
     * The run clock's steps against the monotonic clock (a live run's, seen by its interval clock), for
     * the manifest's {@code clockSteps}: where the dataset has a gap or an overlap no fault made.
     */
    public void clockSteps(List<ClockStep> steps) {
        this.clockSteps = List.copyOf(steps);
    }

    /**
     * A count the manifest reports beside the records' (under {@code counts}), e.g. metric points of an
     * OTLP stream that came too late for their interval: nothing left out goes unsaid.
     */
    public void count(String key, long value) {
        extraCounts.put(key, value);
    }

    /** Why the dataset could not be written, if a write failed. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(writeFailure);
    }

    @Override
    public void accept(ClientStats stats) {
        offer(stats, loadCounts);
    }

    /** Adds or replaces (by id) a ground-truth label: the fault engine reports each fault as planned and as applied. */
    public void label(LabelRecord label) {
        synchronized (labelsLock) {
            labels.put(label.id(), toJson(label));
            labelsDirty = true;
        }
    }

    /**
     * Adds or replaces (by id) a label already in its labels.json shape (the fault injector's
     * {@code DatasetFiles.label}); any Jackson-serialisable value.
     */
    public void label(String id, Object json) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("label id is required");
        synchronized (labelsLock) {
            labels.put(id, json);
            labelsDirty = true;
        }
    }

    private void fail(String file, IOException e) {
        if (writeFailure == null) writeFailure = "writing " + file + " failed: " + describe(e);
        accepting = false;
    }

    public long droppedTotal() {
        return spans.dropped.get() + metricCounts.dropped.get() + logCounts.dropped.get() + loadCounts.dropped.get();
    }

    public long spansRecorded() {
        return spans.recorded.get();
    }

    // ---------------------------------------------------------------- writer thread

    private void drainLoop() {
        long lastFlush = System.nanoTime();
        int sinceCheck = 0;
        Object current = null; // the record being written, to name its file if the write fails
        try {
            while (true) {
                Object o = queue.poll();
                if (o == null) {
                    if (System.nanoTime() - lastFlush >= flushEveryNanos) {
                        flushAll();
                        lastFlush = System.nanoTime();
                    }
                    LockSupport.parkNanos(500_000); // idle: nothing to signal producers about, so just look again soon
                    if (Thread.interrupted()) return;
                    continue;
                }
                queued.decrementAndGet();
                if (o == STOP) {
                    flushAll();
                    return;
                }
                current = o;
                write(o);
                // Busy, never idle: still hand the buffers to the OS about once per flush period.
                if (++sinceCheck >= 1024) {
                    sinceCheck = 0;
                    if (System.nanoTime() - lastFlush >= flushEveryNanos) {
                        flushAll();
                        lastFlush = System.nanoTime();
                    }
                }
            }
        } catch (IOException e) {
            fail(e instanceof FlushException f ? f.file : current == null ? "the dataset" : fileOf(current),
                    e instanceof FlushException f ? f.cause : e);
        }
    }

    private static String fileOf(Object o) {
        if (o instanceof SpanRecord) return "traces.jsonl";
        if (o instanceof LogRecord) return "logs.jsonl";
        if (o instanceof MetricRow || o instanceof MetricBatch) return "metrics.csv";
        return "load.csv";
    }

    /** A flush failure with the file it hit, so the reason names it. */
    private static final class FlushException extends IOException {
        final String file;
        final IOException cause;

        FlushException(String file, IOException cause) {
            super(cause);
            this.file = file;
            this.cause = cause;
        }
    }

    /**
     * Hands every buffer to the operating system, and rewrites labels.json if a label changed, so a
     * killed run leaves the ground truth up to its death too.
     */
    private void flushAll() throws IOException {
        boolean dirty;
        synchronized (labelsLock) {
            dirty = labelsDirty;
        }
        if (dirty) flush("labels.json", this::writeLabels);
        flush("traces.jsonl", spanJson::flushBuffer);
        flush("metrics.csv", metricCsv::flushBuffer);
        flush("logs.jsonl", logJson::flush);
        for (Stream s : List.of(metrics, traces, logs, load)) flush(s.path.getFileName().toString(), s.out::flush);
    }

    private interface Flush {
        void run() throws IOException;
    }

    private static void flush(String file, Flush flush) throws IOException {
        try {
            flush.run();
        } catch (IOException e) {
            throw new FlushException(file, e);
        }
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

    /**
     * A clean end: everything queued is written, then the manifest with {@code complete=true}, unless
     * the dataset could not be written in full after all (a write failed, the writer fell behind).
     *
     * @return why the dataset is incomplete despite the clean end (as the manifest says), or empty
     *     when it is complete: a caller must not report a run complete on a dataset that is not
     */
    public java.util.Optional<String> finish() {
        return java.util.Optional.ofNullable(end(true, null));
    }

    /** An interrupted or failed run: what was queued is written, the manifest says why it is incomplete. */
    public void abort(String reason) {
        end(false, reason == null || reason.isBlank() ? "run aborted" : reason);
    }

    @Override
    public void close() {
        abort("recorder closed before the run finished");
    }

    /** Ends the dataset once; returns the manifest's incompleteReason (null when complete). */
    private synchronized String end(boolean complete, String reason) {
        if (closed) return "the dataset was already ended";
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
            // The reserve goes first: on a full disk it is what lets labels.json and the manifest be written.
            Files.deleteIfExists(reserve);
            if (writeFailure != null) {
                complete = false;
                reason = (reason == null ? "" : reason + "; ") + "the dataset could not be written: " + writeFailure;
                closeQuietly();
                writeLabelsQuietly();
                writeManifest(false, reason, end, Map.of());
                return reason;
            }
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
            writeManifest(complete, reason, end, files);
            return complete ? null : reason;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = reason == null ? "interrupted while finishing" : reason;
            writeManifestQuietly(reason, end);
            return reason;
        } catch (IOException e) {
            closeQuietly();
            writeLabelsQuietly();
            reason = "finishing the dataset failed: " + describe(e);
            writeManifestQuietly(reason, end);
            return reason;
        } finally {
            lock.close();
        }
    }

    /** Streams that failed once fail again on close; what reached the disk is what there is. */
    private void closeQuietly() {
        for (AutoCloseable c : List.of(logJson, metrics.out, traces.out, logs.out, load.out)) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failed: the manifest says so; nothing more to save from this stream
            }
        }
    }

    private void writeLabelsQuietly() {
        try {
            writeLabels();
        } catch (IOException e) {
            System.err.println("microsim: cannot write labels.json in " + dir + ": " + describe(e));
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
            System.err.println("microsim: cannot write manifest in " + dir + ": " + describe(suppressed));
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

    /** Atomically (temp + rename): a reader or a kill never sees half a labels.json. */
    private void writeLabels() throws IOException {
        synchronized (labelsLock) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("formatVersion", FORMAT_VERSION);
            root.put("faults", new ArrayList<>(labels.values()));
            Path tmp = dir.resolve("labels.json.tmp");
            mapper.writeValue(tmp.toFile(), root);
            Files.move(tmp, dir.resolve("labels.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            labelsDirty = false;
        }
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
        if (mode != null) m.put("mode", mode);
        if (platform != null) m.put("platform", platform);
        Instant[] w = warmUp;
        if (w != null) {
            Map<String, Object> warm = new LinkedHashMap<>();
            warm.put("meshUp", IsoTime.format(w[0]));
            warm.put("loadStart", IsoTime.format(w[1]));
            // From the instants as written (milliseconds), so a reader's subtraction gives the same figure.
            warm.put("seconds", Duration.between(w[0].truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    w[1].truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).toMillis() / 1000.0);
            m.put("warmUp", warm);
        }
        List<ClockStep> steps = clockSteps;
        if (!steps.isEmpty()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ClockStep step : steps) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("at", IsoTime.format(step.at()));
                one.put("seconds", step.offset().toMillis() / 1000.0);
                out.add(one);
            }
            m.put("clockSteps", out);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("spans", spans.json());
        counts.put("metrics", metricCounts.json());
        counts.put("logs", logCounts.json());
        counts.put("load", loadCounts.json());
        counts.putAll(extraCounts);
        m.put("counts", counts);
        m.put("files", files);
        Path tmp = dir.resolve("manifest.json.tmp");
        mapper.writeValue(tmp.toFile(), m);
        Files.move(tmp, dir.resolve("manifest.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
