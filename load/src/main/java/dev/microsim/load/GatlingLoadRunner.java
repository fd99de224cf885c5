package dev.microsim.load;

import dev.microsim.model.scenario.EndpointRef;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a {@link LoadPlan} with Gatling embedded in this JVM ({@code Gatling.fromArgs}, see
 * docs/load.md for why this entry point), one simulation ({@link MicrosimSimulation}) built from
 * the plan's load entries. Client statistics are collected in-process and handed to the sink once
 * per interval. One run at a time per JVM; a second concurrent call fails with
 * {@link IllegalStateException}.
 *
 * <p>Bounds: every entry stops sending at its end (its {@code duration}, cut at the plan's) and at
 * its {@code maxRequests}; Gatling itself is capped at the plan's duration plus a short grace for
 * in-flight requests. Only loopback URLs are accepted (and, in a Kubernetes pod, Service names: {@link TargetRule}).
 */
public final class GatlingLoadRunner implements LoadRunner {
    /**
     * Gatling keeps a setting in java.util.prefs; on a machine where the user's preferences
     * directory does not exist yet the JDK announces creating it at INFO on the console. Held here
     * so the logger (and its level) is not garbage-collected.
     */
    private static final java.util.logging.Logger PREFS_LOG = quiet("java.util.prefs");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** How long an interrupted run may take to wind down before we give up waiting. */
    private static final long STOP_WAIT_SECONDS = 30;

    private final Clock clock;
    /** Where Gatling's (empty) results folder goes; the system temp directory but in tests. */
    private final Path tempRoot;

    public GatlingLoadRunner() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps the intervals' start instants (pauses and rates use the monotonic clock) */
    public GatlingLoadRunner(Clock clock) {
        this(clock, Path.of(System.getProperty("java.io.tmpdir")));
    }

    GatlingLoadRunner(Clock clock, Path tempRoot) {
        if (clock == null) throw new IllegalArgumentException("clock is required");
        this.clock = clock;
        this.tempRoot = tempRoot;
    }

    @Override
    public String description() {
        return "Gatling " + gatlingVersion() + " (embedded, open and closed models)";
    }

    @Override
    public LoadResult run(LoadPlan plan, ClientStatsSink sink) throws InterruptedException {
        if (plan == null) throw new IllegalArgumentException("plan is required");
        if (sink == null) throw new IllegalArgumentException("sink is required (use ClientStatsSink.NONE to drop stats)");
        List<CompiledSpec> specs = PlanCompiler.compile(plan);
        List<String> targets = specs.stream().flatMap(s -> s.urls().keySet().stream()).map(EndpointRef::toString).distinct().toList();
        ClientStatsCollector stats = new ClientStatsCollector(targets);
        ActiveRun run = new ActiveRun(plan.seed(), specs, stats, plan.duration(), clock);
        IntervalEmitter emitter = new IntervalEmitter(run, sink, plan.interval());
        run.onStart(() -> {
            sink.loadStarted(run.startInstant());
            emitter.start();
        });

        ActiveRun.install(run);
        Path results = null;
        Thread cleanup = null;
        try {
            results = Files.createTempDirectory(tempRoot, "microsim-gatling-");
            // A run stopped by SIGTERM never reaches the finally below: the folder goes as the JVM exits.
            Path folder = results;
            cleanup = new Thread(() -> deleteResultsFolder(folder), "microsim-gatling-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            String[] args = {
                "--simulation", MicrosimSimulation.class.getName(),
                "--results-folder", results.toString(),
                "--no-reports",
                "--launcher", "microsim",
            };
            // Gatling prints with Scala's println: its chatter is filtered on this thread (and the ones it starts) only.
            FutureTask<Integer> gatling = new FutureTask<>(() -> scala.Console$.MODULE$.withOut(GatlingConsole.over(System.out),
                    (scala.Function0<Integer>) () -> Gatling$.MODULE$.fromArgs(args)));
            Thread thread = new Thread(gatling, "microsim-gatling");
            thread.setDaemon(true);
            thread.start();

            boolean cancelled = false;
            int exitCode;
            try {
                exitCode = gatling.get();
            } catch (InterruptedException e) {
                cancelled = true;
                run.requestStop("cancelled");
                exitCode = awaitAfterCancel(gatling);
            }
            emitter.finish();
            if (emitter.failure() != null) {
                throw new IllegalStateException("load run stopped: the client stats sink failed: " + emitter.failure(), emitter.failure());
            }
            if (!run.hasStarted()) throw new IllegalStateException("Gatling exited (status " + exitCode + ") before starting the load");
            if (cancelled) Thread.currentThread().interrupt();
            return new LoadResult(stats.totalRequests(), stats.totalErrors(), cancelled);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Gatling failed: " + e.getCause(), e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Gatling's results folder", e);
        } finally {
            ActiveRun.uninstall(run);
            deleteResultsFolder(results);
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException exiting) {
                    // the JVM is shutting down: the hook runs (or ran) and deletes the same folder
                }
            }
        }
    }

    /** Waits for Gatling after a stop request; interrupts meanwhile are kept for the caller. */
    private static int awaitAfterCancel(FutureTask<Integer> gatling) throws ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        while (true) {
            try {
                return gatling.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                // already stopping; keep waiting so the static slot is not freed while Gatling still runs
            } catch (TimeoutException e) {
                throw new IllegalStateException("Gatling did not stop within " + STOP_WAIT_SECONDS + "s after cancellation");
            }
        }
    }

    /** Gatling writes an (empty, writers are off) run folder; remove it, and say so if we cannot. */
    private static void deleteResultsFolder(Path dir) {
        if (dir == null) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("microsim load: could not delete Gatling's temporary folder " + dir + ": " + e);
        }
    }

    private static String gatlingVersion() {
        String v = Gatling$.class.getPackage().getImplementationVersion();
        return v != null ? v : "(version unknown)";
    }
}
