package dev.microsim.detector.detect;

/** A {@link ServiceDetector} over one service: one vector (a value per series) per instant. */
public interface VectorStream {

    double next(double[] point);

    /** The dimension that was furthest from its usual value at the last point. */
    int topDimension();

    Explanation explain();
}
