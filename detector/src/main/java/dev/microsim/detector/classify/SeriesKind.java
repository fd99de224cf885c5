package dev.microsim.detector.classify;

/** The characters the perceptron tells apart; each picks a detector family. */
public enum SeriesKind {
    /** (almost) no variation at all: any move is news. */
    CONSTANT,
    /** a repeating pattern with a period (an ACF peak, and differencing at it removes most variance). */
    PERIODIC,
    /** fluctuates around a level it returns to (a unit-root test rejects a random walk). */
    STATIONARY,
    /** wanders without returning: the level itself is a random walk. */
    RANDOM_WALK
}
