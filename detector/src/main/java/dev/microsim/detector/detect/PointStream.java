package dev.microsim.detector.detect;

/**
 * A detector running over one series, one point at a time: {@link #next} sees only the points given
 * so far (no look-ahead) and returns the score of this point. Scores are scaled so that 1.0 is the
 * detector's own alarm line ({@code score >= 1} is an alarm at its threshold); 0 while warming up.
 * Not thread-safe: one stream per series.
 */
public interface PointStream {

    double next(double value);

    /** Why the last point got its score (computed on demand: explaining every point would cost). */
    Explanation explain();
}
