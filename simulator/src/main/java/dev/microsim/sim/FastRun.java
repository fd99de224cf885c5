package dev.microsim.sim;

import dev.microsim.engine.Behaviour;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.load.CompiledSpec;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.PlanCompiler;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import dev.microsim.run.RunContext;
import dev.microsim.run.RunTarget;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fast mode: the scenario's mesh, load and fault schedule in virtual time on one thread
 * ({@link SimMesh}, {@link SimLoad}, the same {@link FaultInjector} advanced at virtual instants),
 * writing the same dataset as a live run as fast as the machine allows. The same scenario and seed
 * give byte-identical files. See docs/fast-mode.md.
 */
public final class FastRun implements RunTarget {
    /** Faults are looked at this often in virtual time while one is due or in force (ramps, restarts, crash loops). */
    static final long FAULT_TICK_NANOS = 10_000_000L;
    /** How long the load may take to get its last answers after the scenario's end (Gatling's request timeout). */
    static final Duration DRAIN = SimLoad.REQUEST_TIMEOUT.plusSeconds(1);
    private static final int CHECK_EVERY = 4096;

    private final SimOptions options;
    private final Behaviour behaviour;
    private final EventLoop loop = new EventLoop();
    private final SimClock clock;

    public FastRun(SimOptions options) {
        this(options, Behaviour.defaults(0));
    }

    /** {@code behaviour}'s knobs with the scenario's seed (its own seed is ignored). */
    public FastRun(SimOptions options, Behaviour behaviour) {
        this.options = options;
        this.behaviour = behaviour;
        this.clock = new SimClock(options.epoch(), loop);
    }

    @Override
    public String mode() {
        return "fast";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public boolean lossless() {
        return true;
    }

    @Override
    public Report execute(RunContext ctx) throws Exception {
        Scenario scenario = ctx.scenario();
        ctx.say("microsim: simulating " + scenario.services().size() + " services of \"" + scenario.name() + "\" in virtual time (seed "
                + scenario.seed() + ", " + Durations.format(scenario.duration()) + " from " + options.epoch() + ")");
        SimOptions effective = options.withPlatform(options.platform().overriddenBy(scenario.platform()));
        ctx.platform(effective.platform().manifest());
        SimMesh mesh = new SimMesh(scenario, behaviour.withSeed(scenario.seed()), effective, ctx.telemetry(), loop, clock);
        mesh.start();
        Instant up = clock.instant();
        // Entry URLs are only checked, never dialled: the load reaches replicas through the simulated network.
        List<CompiledSpec> specs = PlanCompiler.compile(new LoadPlan(scenario.load(),
                ref -> URI.create("http://127.0.0.1:" + SimMesh.PORT + ref.endpoint().path()), scenario.duration(), scenario.seed(),
                scenario.interval()));
        SimLoad load = new SimLoad(mesh, specs, scenario.seed());
        long interval = scenario.interval().toNanos();
        long end = scenario.duration().toNanos();
        long wall0 = System.nanoTime();
        long[] lastProgress = {wall0};
        Runnable check = () -> {
            if (ctx.cancelled() || Thread.currentThread().isInterrupted()) throw new Cancelled();
            long t = System.nanoTime();
            if (t - lastProgress[0] >= 200_000_000L) {
                lastProgress[0] = t;
                ctx.progress(Duration.ofNanos(loop.now()));
            }
        };
        try (FaultInjector faults = ctx.faults(mesh, up, false)) {
            scheduleFaultTicks(faults, scenario.faults());
            load.start();
            long k = 1;
            try {
                // Whole intervals up to the scenario's end, then until the last answers are in (bounded), as a live run's load drains.
                while (k * interval <= end) {
                    loop.runUntil(k * interval, CHECK_EVERY, check);
                    sample(ctx, mesh, load, up, k++, interval);
                }
                long drainEnd = end + DRAIN.toNanos();
                while (!load.finished() && loop.now() < drainEnd) {
                    long to = Math.min(k * interval, drainEnd);
                    loop.runUntil(to, CHECK_EVERY, () -> {
                        check.run();
                        if (load.finished()) throw new Drained();
                    });
                    if (loop.now() >= k * interval) sample(ctx, mesh, load, up, k++, interval);
                }
            } catch (Drained drained) {
                // the load's last answer came in mid-interval
            } catch (Cancelled cancelled) {
                throw new InterruptedException("cancelled");
            }
            if (loop.now() > (k - 1) * interval) sample(ctx, mesh, load, up, k, interval); // the last, partial interval
            ctx.progress(Duration.ofNanos(Math.min(loop.now(), end)));
        } finally {
            mesh.close();
        }
        var sampler = mesh.sampler();
        return new Report("discrete-event engine (virtual time, " + loop.executed() + " events)", sampler.totalRequests(),
                sampler.totalErrors());
    }

    /** One interval's metrics.csv and load.csv rows, stamped with the interval's start. */
    private void sample(RunContext ctx, SimMesh mesh, SimLoad load, Instant up, long k, long interval) {
        Instant start = up.plusNanos((k - 1) * interval);
        ctx.sample(mesh.sampler(), start);
        load.emit(ctx.clientStats(), start);
    }

    /**
     * Advances the fault schedule at every planned start and end and every {@value #FAULT_TICK_NANOS} ns
     * inside a fault's window (ramp steps, delayed restarts, crash loops); outside every window no event
     * is spent on faults, so a week-long run with one fault costs little.
     */
    private void scheduleFaultTicks(FaultInjector faults, List<FaultSpec> specs) {
        if (specs.isEmpty()) return;
        long[][] windows = specs.stream().map(f -> new long[] {f.at().toNanos(), f.at().plus(f.duration()).toNanos()})
                .sorted((a, b) -> Long.compare(a[0], b[0])).toArray(long[][]::new);
        tickAt(faults, windows, windows[0][0]);
    }

    private void tickAt(FaultInjector faults, long[][] windows, long at) {
        loop.at(at, () -> {
            faults.advance(clock.instant());
            faults.checkHealthy();
            long now = loop.now();
            long next = Long.MAX_VALUE;
            for (long[] w : windows) {
                if (now < w[0]) next = Math.min(next, w[0]);
                else if (now < w[1]) next = Math.min(next, Math.min(w[1], now + FAULT_TICK_NANOS));
            }
            if (next != Long.MAX_VALUE) tickAt(faults, windows, next);
        });
    }

    /** Thrown out of the event loop by the periodic check when the session was cancelled. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** Thrown out of the event loop when the load's last answer came in during the drain. */
    private static final class Drained extends RuntimeException {
        Drained() {
            super(null, null, false, false);
        }
    }
}
