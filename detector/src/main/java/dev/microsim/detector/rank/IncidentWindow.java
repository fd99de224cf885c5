package dev.microsim.detector.rank;

/**
 * The bins a ranker compares: normal behaviour in {@code [baselineStart, onset)}, the incident in
 * {@code [onset, end]}. At least two normal bins are needed to say what normal is.
 */
public record IncidentWindow(int baselineStart, int onset, int end) {

    public static final int MIN_BASELINE_BINS = 2;

    public IncidentWindow {
        if (baselineStart < 0 || onset - baselineStart < MIN_BASELINE_BINS) {
            throw new IllegalArgumentException("no normal period before the incident: the baseline [" + baselineStart + ", " + onset
                    + ") has fewer than " + MIN_BASELINE_BINS + " bins");
        }
        if (end < onset) {
            throw new IllegalArgumentException("incident end " + end + " is before its onset " + onset);
        }
    }

    public int baselineBins() {
        return onset - baselineStart;
    }
}
