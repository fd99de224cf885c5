package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;

/**
 * What the active server-side effects do to one admitted request, resolved once at admission:
 * delays add up, factors multiply, the first abort wins, a hang parks the request on its effect.
 */
public record ServerPlan(long delayNanos, Effect.Abort abort, InstalledEffect hang, double computeFactor, double ioFactor) {
    static final ServerPlan NONE = new ServerPlan(0, null, null, 1, 1);
}
