package dev.microsim.engine;

import dev.microsim.model.scenario.Step;
import java.util.List;

/**
 * Runs an endpoint's steps on the replica's engine: compute on its CPU budget, sleep/io on timers,
 * calls through {@link Calls}, parallel children at once. Each step's draws from the request's stream
 * happen synchronously when the step starts (parallel children start one after the other), so a
 * request draws in script order whatever the timing.
 */
final class Script {
    private final ReplicaInterpreter replica;

    Script(ReplicaInterpreter replica) {
        this.replica = replica;
    }

    /** Runs the endpoint's script from its first step; at its end, {@link ReplicaInterpreter#scriptDone}. */
    void run(Request rc) {
        rc.step = 0;
        next(rc);
    }

    /** A top-level step of {@code rc} is over (the request is each such step's {@link StepDone}). */
    void stepDone(Request rc, boolean ok) {
        if (ok) next(rc);
        else replica.scriptDone(rc, false);
    }

    private void next(Request rc) {
        List<Step> steps = rc.route.endpoint().steps();
        int i = rc.step;
        if (i >= steps.size()) {
            replica.scriptDone(rc, true);
            return;
        }
        if (rc.killed || rc.finished) {
            replica.scriptDone(rc, false);
            return;
        }
        rc.step = i + 1;
        step(rc, steps.get(i), RequestRandom.stepPath(0, i), rc);
    }

    /** Starts one step; {@code path} names its place in the script, for child request keys. */
    private void step(Request rc, Step step, long path, StepDone done) {
        if (step instanceof Step.Compute c) {
            compute(Math.round(c.time().sample(rc.random).toNanos() * rc.plan.computeFactor()), done);
        } else if (step instanceof Step.Sleep s) {
            pause(s.time().sample(rc.random).toNanos(), done);
        } else if (step instanceof Step.Io io) {
            pause(Math.round(io.time().sample(rc.random).toNanos() * rc.plan.ioFactor()), done);
        } else if (step instanceof Step.Call call) {
            replica.calls.call(rc, call, path, done);
        } else if (step instanceof Step.Parallel p) {
            parallel(rc, p, path, done);
        } else {
            throw new IllegalStateException("unknown step " + step);
        }
    }

    /** All children at once; done when all succeeded, or at the first failure (the others run on, unheeded). */
    private void parallel(Request rc, Step.Parallel p, long path, StepDone done) {
        List<Step> children = p.steps();
        int[] left = {children.size()};
        boolean[] over = {false};
        StepDone child = ok -> {
            if (over[0]) return;
            if (!ok) {
                over[0] = true;
                done.done(false);
            } else if (--left[0] == 0) {
                over[0] = true;
                done.done(true);
            }
        };
        for (int j = 0; j < children.size(); j++) step(rc, children.get(j), RequestRandom.stepPath(path, j), child);
    }

    private void compute(long nanos, StepDone done) {
        if (nanos <= 0) {
            done.done(true);
            return;
        }
        replica.engine.compute(nanos, used -> {
            replica.service.stats.addCpuNanos(used);
            done.done(true);
        });
    }

    private void pause(long nanos, StepDone done) {
        if (nanos <= 0) done.done(true);
        else replica.engine.schedule(nanos, () -> done.done(true));
    }
}
