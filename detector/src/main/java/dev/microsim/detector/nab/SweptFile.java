package dev.microsim.detector.nab;

/**
 * A file after NAB's per-row pass: for each row, what an alarm there would be worth
 * ({@code sweepScores}, already weighted by the profile) and which window it belongs to.
 * Window ids are unique across a corpus so files can be pooled for threshold optimisation.
 */
record SweptFile(double[] anomalyScores, double[] sweepScores, int[] windowIds, int windowIdEnd) {

    /** The row lies outside every window. */
    static final int OUTSIDE = -1;
    /** The row is in the probationary period and not scored at all. */
    static final int PROBATIONARY = -2;
}
