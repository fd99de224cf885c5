package dev.microsim.sim;

import dev.microsim.model.dist.Distribution;
import java.util.SplittableRandom;

/**
 * One mesh's draws of its {@link PlatformCosts}, from a stream seeded by the scenario's seed and
 * used by nothing else: platform costs change when things happen, never which requests, calls or
 * errors happen (those draw from each request's own stream). Draws follow the event order, which
 * is fixed, so a run stays byte-identical. Constant costs are read once and draw nothing.
 *
 * <p>With a wake cost, each hop also asks {@link #wakeAfter}: whether the event loop sending it had
 * received nothing for so long that the host's cores went idle (see {@link PlatformCosts}). With no
 * wake cost (the ideal platform) no hop pays one and nothing is drawn.
 */
final class PlatformDraws {
    /** Keeps this stream apart from every per-request stream of the same seed. */
    private static final long STREAM = 0x706c6174666f726dL; // "platform"

    private final PlatformCosts costs;
    private final SplittableRandom random;
    private final long hop;
    private final long handoff;
    private final long lag;
    private final long overhead;
    private final long wake;
    private final boolean wakes;
    private final long wakeAfter;
    private final double stretch;

    PlatformDraws(PlatformCosts costs, long seed) {
        this.costs = costs;
        this.random = new SplittableRandom(seed ^ STREAM);
        this.hop = constant(costs.hop());
        this.handoff = constant(costs.computeHandoff());
        this.lag = constant(costs.timerLag());
        this.overhead = constant(costs.serverOverhead());
        this.wake = constant(costs.wake());
        this.wakes = costs.wakes();
        this.wakeAfter = costs.wakeAfter().toNanos();
        this.stretch = costs.computeStretch();
    }

    private static long constant(Distribution d) {
        return d instanceof Distribution.Constant c ? c.value().toNanos() : -1;
    }

    /** One way of one call. */
    long hop() {
        return hop >= 0 ? hop : costs.hop().sample(random).toNanos();
    }

    /** After one compute step of {@code cpuNanos}: the hand-off, plus the stretch's share of the CPU. */
    long handoff(long cpuNanos) {
        long h = handoff >= 0 ? handoff : costs.computeHandoff().sample(random).toNanos();
        return stretch == 0 ? h : h + Math.round(stretch * cpuNanos);
    }

    /** The server's own time for one request, before its script. */
    long serverOverhead() {
        return overhead >= 0 ? overhead : costs.serverOverhead().sample(random).toNanos();
    }

    /**
     * What a hop costs more when the event loop sending it last received a message at {@code lastReceived}
     * (virtual nanoseconds) and sends it at {@code now}: {@code wake} when that is {@code wakeAfter} or
     * longer ago (the request ran a compute step or waited on a timer meanwhile), else 0.
     */
    long wake(long lastReceived, long now) {
        if (!wakes || now - lastReceived < wakeAfter) return 0;
        return wake >= 0 ? wake : costs.wake().sample(random).toNanos();
    }

    /** A wait of {@code nanos} as the platform serves it. */
    long waitNanos(long nanos) {
        if (nanos <= 0) return 0;
        return costs.waitNanos(nanos, lag >= 0 ? lag : costs.timerLag().sample(random).toNanos());
    }
}
