package dev.microsim.sim;

import dev.microsim.model.dist.Distribution;
import java.util.SplittableRandom;

/**
 * One mesh's draws of its {@link PlatformCosts}, from a stream seeded by the scenario's seed and
 * used by nothing else: platform costs change when things happen, never which requests, calls or
 * errors happen (those draw from each request's own stream). Draws follow the event order, which
 * is fixed, so a run stays byte-identical. Constant costs are read once and draw nothing.
 */
final class PlatformDraws {
    /** Keeps this stream apart from every per-request stream of the same seed. */
    private static final long STREAM = 0x706c6174666f726dL; // "platform"

    private final PlatformCosts costs;
    private final SplittableRandom random;
    private final long hop;
    private final long handoff;
    private final long lag;

    PlatformDraws(PlatformCosts costs, long seed) {
        this.costs = costs;
        this.random = new SplittableRandom(seed ^ STREAM);
        this.hop = constant(costs.hop());
        this.handoff = constant(costs.computeHandoff());
        this.lag = constant(costs.timerLag());
    }

    private static long constant(Distribution d) {
        return d instanceof Distribution.Constant c ? c.value().toNanos() : -1;
    }

    /** One way of one call. */
    long hop() {
        return hop >= 0 ? hop : costs.hop().sample(random).toNanos();
    }

    /** After one compute step. */
    long handoff() {
        return handoff >= 0 ? handoff : costs.computeHandoff().sample(random).toNanos();
    }

    /** A wait of {@code nanos} as the platform serves it. */
    long waitNanos(long nanos) {
        if (nanos <= 0) return 0;
        return costs.waitNanos(nanos, lag >= 0 ? lag : costs.timerLag().sample(random).toNanos());
    }
}
