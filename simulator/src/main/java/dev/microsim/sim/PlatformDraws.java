package dev.microsim.sim;

import dev.microsim.model.dist.Distribution;
import java.util.SplittableRandom;

/**
 * One mesh's draws of its {@link PlatformCosts}, from a stream seeded by the scenario's seed and
 * used by nothing else: platform costs change when things happen, never which requests, calls or
 * errors happen (those draw from each request's own stream). Draws follow the event order, which
 * is fixed, so a run stays byte-identical. Constant costs are read once and draw nothing.
 *
 * <p>It also keeps the one piece of platform state: when the mesh's event loops last woke ({@link
 * #wakeUp}), so that a wake-up after an idle spell pays the platform's {@code wake}. With no wake
 * cost (the ideal platform) nothing is tracked and no event is added.
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
    /** When an event loop of the mesh last woke (virtual nanoseconds); long before the start, so the first wake-up is an idle host's. */
    private long lastWake = Long.MIN_VALUE / 2;

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
     * An event loop of the mesh is to wake at {@code at} (a hop arrives, a compute step's hand-off
     * returns): what the wake-up costs more, {@code wake} when no event loop woke for {@code wakeAfter}
     * before {@code at}, and 0 otherwise. The host counts as awake from when that loop runs (at + the cost).
     */
    long wakeUp(long at) {
        if (!wakes) return 0;
        long idle = at - lastWake;
        long cost = idle < wakeAfter ? 0 : wake >= 0 ? wake : costs.wake().sample(random).toNanos();
        lastWake = Math.max(lastWake, at + cost);
        return cost;
    }

    /** A wait of {@code nanos} as the platform serves it. */
    long waitNanos(long nanos) {
        if (nanos <= 0) return 0;
        return costs.waitNanos(nanos, lag >= 0 ? lag : costs.timerLag().sample(random).toNanos());
    }
}
