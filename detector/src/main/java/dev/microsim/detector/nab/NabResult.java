package dev.microsim.detector.nab;

import java.util.List;

/**
 * A detector's NAB result for one profile: the raw corpus score at its threshold and the
 * normalised score {@code 100 * (raw - null) / (perfect - null)}.
 */
public record NabResult(NabProfile profile, double threshold, double rawScore, double nullScore,
                        double perfectScore, List<FileScore> files) {

    public NabResult {
        files = List.copyOf(files);
    }

    /** The published number; NaN when the corpus has no window (perfect equals null). */
    public double normalizedScore() {
        double range = perfectScore - nullScore;
        return range == 0 ? Double.NaN : 100.0 * (rawScore - nullScore) / range;
    }

    /** One file's part of the corpus score. */
    public record FileScore(String file, ThresholdScore score) {
    }
}
