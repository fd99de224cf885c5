package dev.microsim.run;

import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ScenarioWriter;
import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.recorder.RunInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a scenario into a dataset: what {@code microsim run}, suites, fast mode and Kubernetes
 * mode all drive. The session writes the dataset (docs/dataset-format.md) through a
 * {@link DatasetRecorder} on the target's clock, hands the target a {@link RunContext} to run the mesh,
 * load and fault schedule with, and ends the dataset exactly once: complete after a clean end,
 * incomplete with the reason after a failure, a cancellation or a signal (faults recovered first so
 * labels.json gets their actual end).
 *
 * <pre>
 * RunResult r = RunSession.builder(scenario, Path.of("runs/ob"), new LocalRun(LocalRun.Options.defaults()))
 *         .listener(myListener).build().run();
 * </pre>
 *
 * <p>{@link #run()} blocks the calling thread; {@link #cancel} may be called from any other thread.
 * Sessions are independent, so several may run in one JVM one after the other or side by side (a
 * target may refuse to share the JVM: Gatling runs one plan at a time).
 */
public final class RunSession {
    private final Scenario scenario;
    private final Path out;
    private final RunTarget target;
    private final RunListener listener;
    private final int recorderQueue;
    private final boolean handleSignals;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String cancelReason;
    private volatile Thread runner;
    private volatile RunContext context;
    private volatile DatasetRecorder recorder;

    private RunSession(Builder b) {
        this.scenario = b.scenario;
        this.out = b.out;
        this.target = b.target;
        this.listener = b.listener;
        this.recorderQueue = b.recorderQueue;
        this.handleSignals = b.handleSignals;
    }

    /** A session of {@code scenario} (seed and duration already resolved) into {@code out}, run by {@code target}. */
    public static Builder builder(Scenario scenario, Path out, RunTarget target) {
        return new Builder(scenario, out, target);
    }

    public static final class Builder {
        private final Scenario scenario;
        private final Path out;
        private final RunTarget target;
        private RunListener listener = RunListener.NONE;
        private int recorderQueue = 262_144;
        private boolean handleSignals = true;

        private Builder(Scenario scenario, Path out, RunTarget target) {
            if (scenario == null) throw new IllegalArgumentException("scenario is required");
            if (out == null) throw new IllegalArgumentException("out is required");
            if (target == null) throw new IllegalArgumentException("target is required");
            this.scenario = scenario;
            this.out = out;
            this.target = target;
        }

        public Builder listener(RunListener listener) {
            this.listener = listener == null ? RunListener.NONE : listener;
            return this;
        }

        /** Bounds the records waiting to be written (live engines drop and count beyond it). */
        public Builder recorderQueue(int records) {
            if (records < 1) throw new IllegalArgumentException("recorderQueue must be >= 1, got " + records);
            this.recorderQueue = records;
            return this;
        }

        /**
         * Whether Ctrl-C / SIGTERM end this session (a JVM shutdown hook: faults recovered, dataset
         * marked incomplete "interrupted by a signal"). On by default; a driver that handles signals
         * itself (a suite) turns it off and calls {@link RunSession#cancel}.
         */
        public Builder handleSignals(boolean on) {
            this.handleSignals = on;
            return this;
        }

        public RunSession build() {
            return new RunSession(this);
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public RunTarget target() {
        return target;
    }

    RunListener listener() {
        return listener;
    }

    boolean cancelled() {
        return cancelReason != null;
    }

    /**
     * Asks a running session to stop: its target winds down, faults are recovered, and the dataset is
     * marked incomplete with {@code reason}. Safe from any thread, idempotent; the first reason wins.
     */
    public void cancel(String reason) {
        if (cancelReason == null) cancelReason = reason == null || reason.isBlank() ? "cancelled" : reason;
        Thread t = runner;
        if (t != null) t.interrupt();
    }

    /**
     * Runs the scenario to its end and returns how it ended; the dataset is final when this returns
     * (or, after a signal, when the shutdown hook has run).
     *
     * @throws java.io.UncheckedIOException if the dataset cannot be created in {@code out} (nothing is run)
     */
    public RunResult run() {
        Clock clock = target.clock();
        String yaml = ScenarioWriter.write(scenario);
        Instant start = clock.instant();
        long wall0 = System.nanoTime();
        recorder = DatasetRecorder.open(out, yaml, new RunInfo(scenario.name(), DatasetRecorder.sha256(yaml), scenario.seed(), start,
                scenario.interval()), clock, recorderQueue, target.lossless());
        recorder.mode(target.mode());
        runner = Thread.currentThread();
        context = new RunContext(this, recorder);
        Thread hook = handleSignals ? new Thread(() -> endBySignal(clock, start), "microsim-run-shutdown") : null;
        if (hook != null) Runtime.getRuntime().addShutdownHook(hook);
        RunTarget.Report report = null;
        String failure = null;
        try {
            report = target.execute(context);
        } catch (InterruptedException e) {
            failure = null; // cancelled: the reason is cancelReason
        } catch (Exception e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            runner = null;
            Thread.interrupted(); // a late cancel must not leak an interrupt into the caller
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is exiting; the hook has done or is doing its job.
                }
            }
        }
        RunResult.Status status;
        String reason;
        if (failure != null) {
            status = RunResult.Status.FAILED;
            reason = "run failed: " + failure;
        } else if (cancelReason != null) {
            status = RunResult.Status.INTERRUPTED;
            reason = cancelReason;
        } else {
            status = RunResult.Status.COMPLETE;
            reason = null;
        }
        if (ended.compareAndSet(false, true)) {
            if (status != RunResult.Status.COMPLETE) {
                recorder.abort(reason);
            } else {
                Optional<String> incomplete = recorder.finish(); // the last writes can still fail (disk full)
                if (incomplete.isPresent()) {
                    status = RunResult.Status.FAILED;
                    reason = incomplete.get();
                }
            }
        } else if (status == RunResult.Status.COMPLETE) {
            status = RunResult.Status.INTERRUPTED; // a signal arrived at the very end: the hook wrote the manifest
            reason = cancelReason;
        }
        return new RunResult(status, Optional.ofNullable(reason), recorder.directory(), target.mode(),
                report == null ? "" : report.load(), Duration.ofNanos(System.nanoTime() - wall0), Duration.between(start, clock.instant()),
                context.clientRequests(), context.clientErrors(), report == null ? 0 : report.serverRequests(),
                report == null ? 0 : report.serverErrors(), recorder.spansRecorded(), recorder.droppedTotal());
    }

    /** The shutdown hook: recover faults first (labels get their actual end), then mark the dataset, then stop the run. */
    private void endBySignal(Clock clock, Instant start) {
        if (!ended.compareAndSet(false, true)) return;
        String reason = "interrupted by a signal (Ctrl-C or SIGTERM) after " + Duration.between(start, clock.instant()).toSeconds() + " s";
        if (cancelReason == null) cancelReason = reason;
        RunContext c = context;
        FaultInjector applied = c == null ? null : c.faultsInForce();
        if (applied != null) applied.recoverForShutdown();
        recorder.abort(reason);
        // The user's last line: the JVM exits right after the hooks, so the CLI never gets to print a summary.
        listener.message("microsim: " + reason + "; faults recovered, dataset " + recorder.directory().toAbsolutePath()
                + " marked incomplete");
        Thread t = runner;
        if (t != null) t.interrupt();
    }
}
