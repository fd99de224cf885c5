package dev.microsim.run;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.control.ControlApi;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.load.LoadRunner;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.time.IntervalClock;
import dev.microsim.telemetry.MetricsSource;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A run in wall time against a live mesh (in this JVM, or a cluster): the load runs on its own thread,
 * the fault schedule on the injector's, the live control API on {@code vertx}, and this thread samples
 * the metrics once per interval until the load ends. Shared by the live targets.
 */
public final class LiveLoop {
    private LiveLoop() {}

    /**
     * @param mesh what faults act on (its clock is the run's)
     * @param entries where load from outside reaches an entrypoint
     */
    public static RunTarget.Report run(RunContext ctx, MeshTarget mesh, Vertx vertx, MetricsSource metrics,
                                       Function<EndpointRef, URI> entries, LoadRunner runner) throws Exception {
        return run(ctx, mesh, FaultMechanism.IN_PROCESS, vertx, metrics, entries, runner);
    }

    /** As above, each fault carried by {@code mechanism} (a cluster's: Chaos Mesh resources, the pods' control endpoints). */
    public static RunTarget.Report run(RunContext ctx, MeshTarget mesh, FaultMechanism mechanism, Vertx vertx, MetricsSource metrics,
                                       Function<EndpointRef, URI> entries, LoadRunner runner) throws Exception {
        Scenario scenario = ctx.scenario();
        Instant meshUp = mesh.clock().instant();
        LoadPlan plan = new LoadPlan(scenario.load(), entries, scenario.duration(), scenario.seed(), scenario.interval());
        LoadResult[] result = new LoadResult[1];
        Exception[] failure = new Exception[1];
        LoadStart loadStart = new LoadStart(ctx.clientStats());
        Thread load = new Thread(() -> {
            try {
                result[0] = runner.run(plan, loadStart);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "microsim-load");
        load.start();
        // The run's clock starts with the load, not with the mesh: Gatling takes seconds to send its first
        // request, and intervals of zero traffic at the start misled every detector's idea of normal.
        Instant runStart;
        try {
            runStart = loadStart.await(load, ctx);
        } catch (InterruptedException cancelled) {
            load.interrupt();
            load.join(10_000);
            throw cancelled;
        }
        if (runStart == null) {
            load.interrupt();
            load.join(10_000);
            if (failure[0] != null) throw failure[0];
            if (ctx.cancelled()) throw new InterruptedException("cancelled");
            throw new IllegalStateException("the load ended without sending a request");
        }
        ctx.loadStarted(meshUp, runStart);
        // Fault times are relative to the load's start; labels go to the recorder as they change.
        try (FaultInjector faults = ctx.faults(mesh, mechanism, runStart, true).start();
             // The live control API (loopback + token) to inject/recover faults by hand.
             ControlApi control = ControlApi.start(vertx, faults, FaultCatalog.standard(), mesh.clock(),
                     runStart.plus(scenario.duration()), ctx.dataset())) {
            // The token stays in the file (readable by this user only): printed, it would end up in CI logs.
            ctx.say("microsim: fault control API at " + control.url() + " (its token is in " + ctx.dataset().resolve(ControlApi.FILE) + ")");
            // Rows are stamped on the run's clock, as spans and labels are (IntervalClock says why).
            IntervalClock grid = IntervalClock.live(mesh.clock(), runStart, scenario.interval());
            long k = 0; // intervals written so far
            try {
                while (load.isAlive()) {
                    if (ctx.cancelled()) throw new InterruptedException("cancelled");
                    long wait = grid.nanosUntilEnd(k, IntervalClock.MAX_WAIT_NANOS);
                    if (wait > 0) load.join(Math.max(1, wait / 1_000_000));
                    // Every interval that has ended: a source that waits for its data (the pods' OTLP
                    // metrics, on a loaded machine) can fall behind, and must not lose intervals for it.
                    for (long ended = grid.endedIntervals(); k < ended; k++) ctx.sample(metrics, grid.intervalStart(k));
                    ctx.progress(grid.elapsed());
                    faults.checkHealthy();
                }
            } finally {
                if (load.isAlive()) {
                    load.interrupt();
                    load.join(10_000);
                }
                ctx.clockSteps(grid.steps());
            }
            for (long ended = grid.endedIntervals(); k < ended; k++) ctx.sample(metrics, grid.intervalStart(k));
            ctx.sample(metrics, grid.intervalStart(k)); // the last, partial interval
            ctx.clockSteps(grid.steps());
        }
        if (failure[0] != null) throw failure[0];
        return new RunTarget.Report(runner.description(), metrics.totalRequests(), metrics.totalErrors());
    }

    /** Passes the load's statistics on, and tells the run the moment its first request goes out. */
    private static final class LoadStart implements ClientStatsSink {
        private final ClientStatsSink next;
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile Instant at;

        LoadStart(ClientStatsSink next) {
            this.next = next;
        }

        @Override
        public void accept(ClientStats stats) {
            next.accept(stats);
        }

        @Override
        public void loadStarted(Instant at) {
            this.at = at;
            started.countDown();
            next.loadStarted(at);
        }

        /** The load's start, or null if the load thread ended (failed, stopped) or the run was cancelled first. */
        Instant await(Thread load, RunContext ctx) throws InterruptedException {
            while (!started.await(50, TimeUnit.MILLISECONDS)) {
                if (!load.isAlive() || ctx.cancelled()) return started.getCount() == 0 ? at : null;
            }
            return at;
        }
    }
}
