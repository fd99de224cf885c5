package dev.microsim.runtime;

import dev.microsim.model.scenario.Step;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an endpoint's steps for real and asynchronously: compute on the CPU pool, sleep/io on
 * timers, calls as HTTP requests, parallel children concurrently. Never blocks an event loop.
 */
final class ScriptRunner {
    private final LocalMesh mesh;

    ScriptRunner(LocalMesh mesh) {
        this.mesh = mesh;
    }

    Future<Void> run(ReplicaServer replica, RequestCtx rc, List<Step> steps) {
        return runFrom(replica, rc, steps, 0);
    }

    private Future<Void> runFrom(ReplicaServer replica, RequestCtx rc, List<Step> steps, int i) {
        if (i >= steps.size()) return Future.succeededFuture();
        if (rc.killed || rc.finished) return Future.failedFuture("request ended");
        return step(replica, rc, steps.get(i), RequestRandom.stepPath(0, i)).compose(v -> runFrom(replica, rc, steps, i + 1));
    }

    /**
     * Starts one step. Its draws from {@code rc.random} happen here, synchronously (parallel children
     * are started one after the other in this call), so a request's draws come in script order
     * whatever the timing. {@code path} names the step's place in the script for child request keys.
     */
    private Future<Void> step(ReplicaServer replica, RequestCtx rc, Step step, long path) {
        if (step instanceof Step.Compute c) {
            return compute(replica, Math.round(c.time().sample(rc.random).toNanos() * rc.plan.computeFactor()));
        } else if (step instanceof Step.Sleep s) {
            return timer(s.time().sample(rc.random).toNanos());
        } else if (step instanceof Step.Io io) {
            return timer(Math.round(io.time().sample(rc.random).toNanos() * rc.plan.ioFactor()));
        } else if (step instanceof Step.Call call) {
            return mesh.calls.call(replica, rc, call, path);
        } else if (step instanceof Step.Parallel p) {
            List<Future<Void>> all = new ArrayList<>(p.steps().size());
            for (int j = 0; j < p.steps().size(); j++) all.add(step(replica, rc, p.steps().get(j), RequestRandom.stepPath(path, j)));
            return Future.all(all).mapEmpty();
        }
        throw new IllegalStateException("unknown step " + step);
    }

    private Future<Void> compute(ReplicaServer replica, long nanos) {
        if (nanos <= 0) return Future.succeededFuture();
        Promise<Void> done = Promise.promise();
        io.vertx.core.Context ctx = replica.context;
        mesh.cpu.execute(() -> {
            long used = CpuWork.burn(nanos);
            replica.node.stats.addCpuNanos(used);
            ctx.runOnContext(v -> done.complete());
        });
        return done.future();
    }

    /** A timer wait; sub-half-millisecond waits complete at once (Vert.x timers have 1 ms resolution). */
    Future<Void> timer(long nanos) {
        if (nanos < 500_000) return Future.succeededFuture();
        Promise<Void> done = Promise.promise();
        mesh.vertx.setTimer(Math.max(1, Math.round(nanos / 1e6)), id -> done.complete());
        return done.future();
    }
}
