package dev.microsim.sim;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Platform;
import java.time.Duration;

/**
 * What the platform under the services adds to a scenario's own costs, as fast mode models it: the
 * time a request spends in the HTTP stack and the engine's hand-offs rather than in its steps. A live
 * mesh pays these for real (loopback HTTP, Vert.x event loops, the compute pool, Vert.x timers);
 * fast mode draws them from distributions (the scenario format's: a constant, a log-normal, ...)
 * measured on the live mesh by {@code PlatformCostBench}, never fitted to the calibration table they
 * are checked against. A scenario's {@code platform:} section overrides them field by field
 * ({@link #overriddenBy}). Draws come from a stream of their own ({@link PlatformDraws}), so they
 * never change a request's decisions.
 *
 * <ul>
 *   <li>{@code hop}: each way of a call, outside both spans (client request write, loopback, the
 *       server's parse, and back): a CLIENT span lasts its SERVER span plus two hops.</li>
 *   <li>{@code computeHandoff}: wall time a compute step spends beyond its CPU (handed from the
 *       replica's event loop to a CPU thread and back).</li>
 *   <li>{@code timerResolution}, {@code timerLag}: how a wait (sleep, io, delays, timeouts, backoffs)
 *       is served. Resolution 0: exactly (plus the lag). Otherwise as Vert.x timers serve it: a wait
 *       under half the resolution runs at once, a longer one is rounded to the resolution and fires
 *       {@code timerLag} late.</li>
 * </ul>
 */
public record PlatformCosts(Distribution hop, Distribution computeHandoff, Duration timerResolution, Distribution timerLag) {
    private static final Distribution NONE = new Distribution.Constant(Duration.ZERO);
    /** What fast mode did before platform costs were modelled: a 150 µs hop, exact timers, no hand-off. */
    public static final PlatformCosts IDEAL = new PlatformCosts(new Distribution.Constant(Duration.ofNanos(150_000)), NONE, Duration.ZERO, NONE);

    public PlatformCosts {
        if (hop == null) throw new IllegalArgumentException("hop is required");
        if (computeHandoff == null) throw new IllegalArgumentException("computeHandoff is required");
        if (timerLag == null) throw new IllegalArgumentException("timerLag is required");
        if (timerResolution == null || timerResolution.isNegative()) {
            throw new IllegalArgumentException("timerResolution must be >= 0, got " + timerResolution);
        }
    }

    /** Constant costs: {@code hop} each way, {@code handoff} per compute step, waits to {@code resolution} plus {@code lag}. */
    public static PlatformCosts constant(Duration hop, Duration handoff, Duration resolution, Duration lag) {
        return new PlatformCosts(new Distribution.Constant(hop), new Distribution.Constant(handoff), resolution, new Distribution.Constant(lag));
    }

    /** These costs with every field the scenario's {@code platform:} section sets taken from it. */
    public PlatformCosts overriddenBy(Platform p) {
        return new PlatformCosts(p.hop() != null ? p.hop() : hop, p.computeHandoff() != null ? p.computeHandoff() : computeHandoff,
                p.timerResolution() != null ? p.timerResolution() : timerResolution, p.timerLag() != null ? p.timerLag() : timerLag);
    }

    public PlatformCosts withHop(Duration newHop) {
        return new PlatformCosts(new Distribution.Constant(newHop), computeHandoff, timerResolution, timerLag);
    }

    /** How long a wait of {@code nanos} takes on this platform, with {@code lag} the lag drawn for it. */
    long waitNanos(long nanos, long lag) {
        if (nanos <= 0) return 0;
        long res = timerResolution.toNanos();
        if (res == 0) return nanos + lag;
        if (2 * nanos < res) return 0;
        return Math.max(1, Math.round((double) nanos / res)) * res + lag;
    }

    @Override
    public String toString() {
        return "hop " + hop.description() + " each way, compute hand-off " + computeHandoff.description() + ", timers "
                + (timerResolution.isZero() ? "exact" : "to " + dev.microsim.model.units.Durations.format(timerResolution)) + " + "
                + timerLag.description() + " late";
    }
}
