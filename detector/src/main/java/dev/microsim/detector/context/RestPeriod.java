package dev.microsim.detector.context;

/**
 * CAD OSE's way of raising one alarm per anomaly: a score is reported only when none of the last
 * {@code restPoints} scores reached {@code restThreshold}; else 0. As in the reference, the history
 * starts with a virtual score of 1.0, so the first {@code restPoints} scores are silent too, and
 * {@code restPoints} 0 silences everything (Python's {@code history[-0:]} is the whole history).
 */
public final class RestPeriod {

    private final int restPoints;
    private final double restThreshold;
    private long length = 1;
    private long lastHigh;

    public RestPeriod(int restPoints, double restThreshold) {
        if (restPoints < 0) {
            throw new IllegalArgumentException("restPoints = " + restPoints + " must be >= 0");
        }
        this.restPoints = restPoints;
        this.restThreshold = restThreshold;
    }

    /** NAB's setting: rest for a fifth of the probationary period after a score of 0.75. */
    public static RestPeriod forProbation(double probationRows) {
        return new RestPeriod((int) (probationRows / 5.0), 0.75);
    }

    public double filter(double score) {
        boolean resting = restPoints == 0 || lastHigh >= length - restPoints;
        if (score >= restThreshold) {
            lastHigh = length;
        }
        length++;
        return resting ? 0 : score;
    }
}
