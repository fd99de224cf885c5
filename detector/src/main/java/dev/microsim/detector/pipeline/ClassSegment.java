package dev.microsim.detector.pipeline;

/**
 * From point {@code from} on (until the next segment) a series was scored by the detector chosen
 * for {@code seriesClass}, whose alarm line was {@code threshold}: what the tuner needs to rescale
 * each stretch of a series whose character changed mid-run by its own class's threshold.
 */
public record ClassSegment(int from, String seriesClass, double threshold) {

    public ClassSegment {
        if (from < 0) {
            throw new IllegalArgumentException("from = " + from + " must be >= 0");
        }
    }
}
