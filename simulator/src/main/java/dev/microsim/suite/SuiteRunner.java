package dev.microsim.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.faults.schedule.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs the cases of a suite into {@code OUT/cases/<case id>/}, {@code parallel} at a time.
 * Resumable: a case whose dataset is complete is never run again nor touched; a case left
 * incomplete (a killed suite, a failed run) is run again from scratch. A case that fails is
 * reported and retried once; if it fails again it is listed in {@code OUT/failures.json} and the
 * suite ends with failures (never silently skipped; the next {@code suite run} tries it again).
 * {@code OUT/suite.yaml} keeps the suite file the cases were made from: another suite file's cases
 * are never mixed into the same directory.
 */
public final class SuiteRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OUT/suite.lock: an OS file lock, so a killed suite leaves no stale lock (it goes with the process). */
    static final String LOCK_FILE = "suite.lock";

    /**
     * What a suite run did: cases found finished, cases left out by a selection, cases run now, failed
     * (after the retry), and cases a stop (Ctrl-C) left unfinished.
     */
    public record Summary(int total, int alreadyDone, int notSelected, int ran, List<String> failed, int interrupted, Duration wall) {
        public Summary {
            failed = List.copyOf(failed);
        }

        /** Every selected case is finished now. */
        public boolean allDone() {
            return failed.isEmpty() && interrupted == 0;
        }
    }

    /**
     * How to run: the mode the cases are made in (the suite's, or a command-line override; one
     * directory holds one mode's cases), how many cases at once, and which cases (all by default).
     */
    public record Settings(SuiteSpec.Mode mode, int workers, Predicate<SuiteCase> selected) {
        public Settings {
            if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }

        /** The suite's own mode and parallelism on a machine of {@code cores}, every case. */
        public static Settings of(SuiteSpec suite, int cores) {
            return new Settings(suite.mode(), suite.workers(suite.mode(), cores), c -> true);
        }
    }

    /** Hears what happens, for one progress bar over the whole suite (called from worker threads). */
    public interface Progress {
        void started(int total, int alreadyDone);

        default void caseStarted(SuiteCase c, int attempt) {
        }

        void caseFinished(SuiteCase c, boolean complete, String detail);

        void message(String line);
    }

    private final CaseRunner runner;
    private final Progress progress;
    private volatile String stopped;

    public SuiteRunner(CaseRunner runner, Progress progress) {
        this.runner = runner;
        this.progress = progress;
    }

    public static Path caseDir(Path out, SuiteCase c) {
        return out.resolve("cases").resolve(c.id());
    }

    public Summary run(SuiteSpec suite, List<SuiteCase> cases, Path out) throws IOException, InterruptedException {
        return run(suite, cases, out, Settings.of(suite, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs the selected cases not finished yet, {@code settings.workers()} at a time; returns when
     * every one has finished, failed twice, or been stopped by {@link #stop}. OUT is locked for the
     * run: a second suite run on the same directory is refused while this one lasts.
     */
    public Summary run(SuiteSpec suite, List<SuiteCase> cases, Path out, Settings settings) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        // Two suite runs on one directory would delete and redo each other's cases.
        try (RunLock lock = RunLock.acquire(out, LOCK_FILE, file -> new IllegalArgumentException(out + " is in use by another suite run ("
                + file + " is locked): wait for it to end, or give another --out"))) {
            claim(suite, settings.mode(), out);
            writePlan(suite, settings.mode(), cases, out);
            List<SuiteCase> todo = new ArrayList<>();
            int notSelected = 0;
            for (SuiteCase c : cases) {
                if (complete(caseDir(out, c))) {
                    RunLock.removeStale(caseDir(out, c)); // a suite killed as this case ended
                    continue;
                }
                if (settings.selected().test(c)) {
                    todo.add(c);
                } else {
                    notSelected++;
                }
            }
            int done = cases.size() - todo.size() - notSelected;
            progress.started(cases.size() - notSelected, done);
            List<String> failed = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger interrupted = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.workers(), Math.max(1, todo.size())), r -> {
                Thread t = new Thread(r, "microsim-suite-case");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (SuiteCase c : todo) {
                    futures.add(pool.submit(() -> {
                        switch (runWithRetry(c, caseDir(out, c), failed::add)) {
                            case DONE, FAILED -> ran.incrementAndGet();
                            case STOPPED -> interrupted.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("suite worker failed: " + e.getCause(), e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                stop("the suite was interrupted");
                pool.shutdownNow();
                throw e;
            } finally {
                pool.shutdown();
            }
            writeFailures(out, failed, cases);
            return new Summary(cases.size(), done, notSelected, ran.get(), failed, interrupted.get(),
                    Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /**
     * Stops the suite (a Ctrl-C, from any thread): no case starts or is retried any more, and the
     * cases running now are cancelled (their datasets end incomplete, faults recovered, and the
     * next run redoes them). {@link #run} then returns with them counted as interrupted.
     */
    public void stop(String reason) {
        if (stopped == null) {
            stopped = reason;
        }
        runner.cancelAll(reason);
    }

    private enum Ending { DONE, FAILED, STOPPED }

    private Ending runWithRetry(SuiteCase c, Path dir, Consumer<String> failed) throws IOException, InterruptedException {
        String reason = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (stopped != null) {
                return Ending.STOPPED;
            }
            if (Files.exists(dir)) {
                // Left incomplete by a killed suite or the failed attempt before: not a finished case, so it is redone.
                deleteTree(dir);
            }
            progress.caseStarted(c, attempt);
            CaseRunner.Outcome outcome;
            try {
                outcome = runner.run(c, dir);
            } catch (RuntimeException e) {
                outcome = new CaseRunner.Outcome(false, java.util.Optional.of(e.toString()), Duration.ZERO);
            }
            if (outcome.complete() && complete(dir)) {
                progress.caseFinished(c, true, attempt == 1 ? "" : "on the retry");
                return Ending.DONE;
            }
            if (stopped != null) {
                // Cancelled by the stop, not failed: left incomplete for the next run, neither retried nor listed.
                return Ending.STOPPED;
            }
            reason = outcome.reason().orElse(complete(dir) ? "?" : "the dataset is not complete");
            progress.message("case " + c.id() + " failed (attempt " + attempt + " of 2): " + reason);
        }
        failed.accept(c.id() + ": " + reason);
        progress.caseFinished(c, false, reason);
        return Ending.FAILED;
    }

    /** True when the directory holds a dataset whose manifest says complete. */
    static boolean complete(Path dir) {
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            return JSON.readTree(manifest.toFile()).path("complete").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first run of a suite into OUT writes the suite file there; later runs must bring the same
     * file, and the same mode (a live case and a fast case of one id are different datasets).
     */
    private static void claim(SuiteSpec suite, SuiteSpec.Mode mode, Path out) throws IOException {
        Files.createDirectories(out.resolve("cases"));
        Path kept = out.resolve("suite.yaml");
        String text = Files.readString(suite.file());
        if (Files.exists(kept)) {
            if (!Files.readString(kept).equals(text)) {
                throw new IllegalArgumentException(out + " holds the cases of another suite file (" + kept
                        + " differs from " + suite.file() + "): give a new --out, or run the suite file kept there");
            }
            Path plan = out.resolve("plan.json");
            if (Files.isRegularFile(plan)) {
                String before = JSON.readTree(plan.toFile()).path("mode").asText(mode.name().toLowerCase());
                if (!before.equals(mode.name().toLowerCase())) {
                    throw new IllegalArgumentException(out + " holds " + before + "-mode cases of this suite, not "
                            + mode.name().toLowerCase() + "-mode ones: give a new --out, or run it in " + before + " mode");
                }
            }
            return;
        }
        writeAtomically(kept, text);
    }

    /**
     * OUT/plan.json: every case with what it varies, for the scorer side ({@code suite score},
     * {@code suite export}), which reads cases without parsing suite or scenario files.
     */
    private static void writePlan(SuiteSpec suite, SuiteSpec.Mode mode, List<SuiteCase> cases, Path out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", SuiteSpec.FORMAT_VERSION);
        root.put("suite", suite.name());
        root.put("mode", mode.name().toLowerCase());
        ArrayNode list = root.putArray("cases");
        for (SuiteCase c : cases) {
            ObjectNode node = list.addObject();
            node.put("id", c.id()).put("dir", "cases/" + c.id()).put("scenario", c.scenario()).put("target", c.target())
                    .put("kind", c.kind()).put("intensity", c.intensity()).put("seed", c.seed());
        }
        writeAtomically(out.resolve("plan.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static void writeFailures(Path out, List<String> failed, List<SuiteCase> cases) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("cases", cases.size());
        ArrayNode list = root.putArray("failed");
        failed.stream().sorted().forEach(list::add);
        writeAtomically(out.resolve("failures.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Reads OUT/failures.json back (for suite score and tests). */
    static List<String> failures(Path out) {
        try {
            JsonNode root = JSON.readTree(out.resolve("failures.json").toFile());
            List<String> list = new ArrayList<>();
            root.path("failed").forEach(n -> list.add(n.asText()));
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain-text progress for pipes and tests. */
    public static Progress lines(PrintWriter out) {
        return new Progress() {
            private final AtomicInteger finished = new AtomicInteger();
            private volatile int total;

            @Override
            public void started(int total, int alreadyDone) {
                this.total = total;
                finished.set(alreadyDone);
                out.println("suite: " + total + " cases, " + alreadyDone + " already done");
            }

            @Override
            public void caseFinished(SuiteCase c, boolean complete, String detail) {
                out.println("suite: [" + finished.incrementAndGet() + "/" + total + "] " + c.id() + (complete ? " done" : " FAILED")
                        + (detail.isEmpty() ? "" : " (" + detail + ")"));
            }

            @Override
            public void message(String line) {
                out.println("suite: " + line);
            }
        };
    }
}
