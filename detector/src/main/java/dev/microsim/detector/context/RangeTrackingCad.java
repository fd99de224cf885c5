package dev.microsim.detector.context;

/**
 * CAD for a stream that does not know its value range in advance. It starts from a range given by
 * the caller (e.g. what a warm-up period showed), widened by {@code margin} of its spread on each
 * side. A value outside the current range rebuilds the detector over the range grown to include it
 * (widened the same way) and relearns the last {@code replay} values silently (past values only:
 * no look-ahead), then scores the value; so a new extreme is scored as what it is, not clamped into
 * the end bin, and later values keep the bins' resolution.
 */
public final class RangeTrackingCad {

    private final double margin;
    private final int valueBits;
    private final double[] recent;
    private double minSeen;
    private double maxSeen;
    private double low;
    private double high;
    private ContextualAnomalyDetector cad;
    private long seen;
    private int rebuilds;

    public RangeTrackingCad(double min, double max, double margin, int replay) {
        this(min, max, margin, replay, 3);
    }

    /** @param valueBits bits of the value encoding ({@code 2^valueBits} bins; the reference's 3) */
    public RangeTrackingCad(double min, double max, double margin, int replay, int valueBits) {
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin = " + margin + " must be a finite number >= 0");
        }
        if (replay < 1) {
            throw new IllegalArgumentException("replay = " + replay + " must be >= 1");
        }
        this.margin = margin;
        this.valueBits = valueBits;
        this.recent = new double[replay];
        this.minSeen = min;
        this.maxSeen = max;
        build();
    }

    public double next(double value) {
        if (value < low || value > high) {
            minSeen = Math.min(minSeen, value);
            maxSeen = Math.max(maxSeen, value);
            build();
            long from = Math.max(0, seen - recent.length);
            for (long i = from; i < seen; i++) {
                cad.next(recent[(int) (i % recent.length)]);
            }
            rebuilds++;
        }
        recent[(int) (seen % recent.length)] = value;
        seen++;
        return cad.next(value);
    }

    private void build() {
        double widen = margin * (maxSeen - minSeen);
        low = minSeen - widen;
        high = maxSeen + widen;
        cad = new ContextualAnomalyDetector(low, high, 7, 15, valueBits);
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** How often a new extreme rebuilt the detector. */
    public int rebuilds() {
        return rebuilds;
    }

    public double lastScore() {
        return cad.lastScore();
    }
}
