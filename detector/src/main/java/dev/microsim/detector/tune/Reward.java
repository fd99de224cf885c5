package dev.microsim.detector.tune;

/** How the tuner rewards a step from F_{t-1} to F_t. */
public enum Reward {
    /**
     * R = (F_t / F_T) (F_t - F_max): F_max is the best F of the episode before this step, F_T the
     * target. Only a new best is rewarded, more so the closer it is to the target; a step back is
     * punished in proportion to how far below the best it lands.
     */
    DYNAMIC {
        @Override
        double of(double f, double previous, double best, double target) {
            return (f / target) * (f - best);
        }
    },
    /** +1 when F improved on the previous step, -1 when it got worse, 0 when equal. */
    STATIC {
        @Override
        double of(double f, double previous, double best, double target) {
            return Math.signum(f - previous);
        }
    };

    abstract double of(double f, double previous, double best, double target);
}
