package dev.microsim.run;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.faults.schedule.DatasetFiles;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.time.ClockStep;
import dev.microsim.model.time.IntervalClock;
import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.telemetry.MetricsSource;
import dev.microsim.telemetry.TelemetrySink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a {@link RunTarget} gets from its session: the resolved scenario, the dataset being written
 * (telemetry and client statistics go in through {@link #telemetry()} and {@link #clientStats()}),
 * the fault schedule wired to the labels, metric sampling, progress and messages, and whether the run
 * was cancelled.
 */
public final class RunContext {
    private final RunSession session;
    private final DatasetRecorder recorder;
    private final AtomicLong clientRequests = new AtomicLong();
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicReference<FaultInjector> faults = new AtomicReference<>();
    private final ClientStatsSink clientStats;
    private final long wallStart = System.nanoTime();
    private int saidSteps;
    private volatile Instant runStart;

    RunContext(RunSession session, DatasetRecorder recorder) {
        this.session = session;
        this.recorder = recorder;
        this.clientStats = new ClientStatsSink() {
            @Override
            public void accept(ClientStats stats) {
                clientRequests.addAndGet(stats.requests());
                clientErrors.addAndGet(stats.errors());
                recorder.accept(stats);
            }
        };
    }

    public Scenario scenario() {
        return session.scenario();
    }

    /** The dataset directory (the fault ledger and the control API's file go there too). */
    public Path dataset() {
        return recorder.directory();
    }

    /** Spans, logs and metric rows of the run go here. */
    public TelemetrySink telemetry() {
        return recorder;
    }

    /**
     * A live run's mesh was up at {@code meshUp} and its load sent the first request at {@code loadStart}:
     * the run (fault clock, metric intervals) starts there, and the manifest records the warm-up skipped.
     */
    public void loadStarted(Instant meshUp, Instant loadStart) {
        recorder.warmUp(meshUp, loadStart);
        runStart = loadStart;
        say(String.format(java.util.Locale.ROOT, "microsim: load started %.1f s after the mesh was up; the run's clock starts now",
                Duration.between(meshUp, loadStart).toMillis() / 1000.0));
    }

    /** The load's client-side statistics, once per interval and target. */
    public ClientStatsSink clientStats() {
        return clientStats;
    }

    /**
     * The scenario's fault schedule against {@code mesh}, its times relative to {@code runStart} (the
     * instant the mesh was up), every label change going to labels.json. The session recovers its
     * faults on a signal. The caller starts (live) or advances (virtual time) and closes it.
     */
    public FaultInjector faults(MeshTarget mesh, Instant runStart) {
        return faults(mesh, runStart, true);
    }

    /**
     * As {@link #faults(MeshTarget, Instant)}; {@code ledger} false for a mesh nothing outside this JVM
     * can see (fast mode): if the JVM dies, no fault is left applied anywhere, so there is nothing for
     * {@code microsim recover} to clean and no ledger to keep.
     */
    public FaultInjector faults(MeshTarget mesh, Instant runStart, boolean ledger) {
        return faults(mesh, FaultMechanism.IN_PROCESS, runStart, ledger);
    }

    /** As {@link #faults(MeshTarget, Instant, boolean)}, each fault carried by {@code mechanism} (a cluster: Chaos Mesh, control endpoints). */
    public FaultInjector faults(MeshTarget mesh, FaultMechanism mechanism, Instant runStart, boolean ledger) {
        FaultInjector injector = new FaultInjector(scenario(), mesh, mechanism, FaultCatalog.standard(), runStart, ledger ? dataset() : null,
                label -> recorder.label(label.id(), DatasetFiles.label(label)));
        faults.set(injector);
        return injector;
    }

    /** The fault schedule made by {@link #faults}, if any (for the session's signal path). */
    FaultInjector faultsInForce() {
        return faults.get();
    }

    /** Writes one interval's metric rows from {@code source} (interval starting at {@code intervalStart}). */
    public void sample(MetricsSource source, Instant intervalStart) {
        recorder.metrics(source.sample(intervalStart, scenario().interval().toNanos() / 1e9));
    }

    /** Fast mode's platform costs for the manifest's {@code platform} (see {@link DatasetRecorder#platform}). */
    public void platform(Map<String, Object> costs) {
        recorder.platform(costs);
    }

    /**
     * The run clock's steps against the monotonic clock so far (a live run's {@link IntervalClock}), for
     * the manifest's {@code clockSteps}; each new one is also said, once: the dataset holds a gap or an
     * overlap there that no fault made, and whoever reads it should know before a detector finds it.
     */
    public synchronized void clockSteps(List<ClockStep> steps) {
        for (ClockStep s : steps.subList(Math.min(saidSteps, steps.size()), steps.size())) {
            say(String.format(Locale.ROOT, "microsim: warning: the wall clock jumped %+.1f s against the monotonic clock at %s"
                    + " (+%.1f s into the run; a suspended or paused machine?): every file follows the wall clock, so the dataset"
                    + " has a %s of that length there; manifest.json lists it under clockSteps",
                    s.offset().toMillis() / 1000.0, DatasetFiles.instant(s.at()), runStart == null ? 0.0 : Duration.between(runStart, s.at()).toMillis() / 1000.0,
                    s.offset().isNegative() ? "stretch recorded twice (an overlap)" : "gap"));
        }
        saidSteps = Math.max(saidSteps, steps.size());
        recorder.clockSteps(steps);
    }

    /** A count for the manifest's {@code counts} beside the records' (see {@link DatasetRecorder#count}). */
    public void count(String key, long value) {
        recorder.count(key, value);
    }

    /** One line for the user ("microsim: ..."). */
    public void say(String line) {
        session.listener().message(line);
    }

    /** Reports how much of the run's time has passed (its own clock: virtual in fast mode). */
    public void progress(Duration elapsed) {
        session.listener().progress(new RunProgress(elapsed, scenario().duration(), Duration.ofNanos(System.nanoTime() - wallStart),
                clientRequests.get(), clientErrors.get(), recorder.droppedTotal()));
    }

    /** True once the session was cancelled (a signal, {@link RunSession#cancel}): stop soon. */
    public boolean cancelled() {
        return session.cancelled();
    }

    long clientRequests() {
        return clientRequests.get();
    }

    long clientErrors() {
        return clientErrors.get();
    }
}
