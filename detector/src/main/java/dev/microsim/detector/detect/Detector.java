package dev.microsim.detector.detect;

/**
 * A univariate anomaly detector: a description, validated parameters, and a fresh
 * {@link PointStream} per series. Batch use is the stream run over the values, so the batch score
 * of a point never depends on later points: streaming and batch agree exactly.
 */
public interface Detector {

    /** The detector's kind, e.g. {@code ewma}. */
    String name();

    /** What it does and with which parameters, in one or two sentences. */
    String description();

    Params params();

    PointStream stream();

    /** A detector of the same kind with other parameters (what a tuner moves). */
    Detector with(Params params);

    /** Scores every point, streaming; {@code seriesName} names the series in any error. */
    default double[] scoreBatch(String seriesName, double[] values) {
        SeriesCheck.requireUsable(seriesName, values);
        PointStream stream = stream();
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = stream.next(values[i]);
        }
        return scores;
    }
}
