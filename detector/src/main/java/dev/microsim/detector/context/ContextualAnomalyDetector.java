package dev.microsim.detector.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The Contextual Anomaly Detector, open source edition (CAD OSE, M. Smirnov 2016), reimplemented
 * from the description and the MIT-licensed reference in the Numenta Anomaly Benchmark
 * (numenta/NAB, {@code nab/detectors/context_ose/}, Copyright 2016 Numenta Inc., MIT licence);
 * on NAB it scores 69.9 (standard profile), and this port reproduces its published per-file
 * results (see {@code ContextOseGoldenTest}).
 *
 * <p>Each value is encoded as a few facts (the bits of its bin among {@code 2^valueBits} bins of
 * the value range). The detector learns contexts: "these facts, with these contexts active, were
 * followed by those facts". At each step, of the contexts whose left side matched the last step,
 * the share that also matched the new value says how expected it was; the share of new contexts
 * the step created says how new it was. The raw score is {@code (1 - expected + new) / 2}; after a
 * score of at least {@code restThreshold} the next {@code restPoints} scores are reported as 0 (one
 * anomaly, one alarm). Not thread-safe: one instance per series.
 */
public final class ContextualAnomalyDetector {

    /** Facts naming active contexts start here, above every sensor fact. */
    static final long NEURON_FACTS = 1L << 31;

    private static final Comparator<Context> STRENGTH = Comparator.comparingInt((Context c) -> c.activations)
            .thenComparingLong(c -> c.leftHash).thenComparingLong(c -> c.rightHash);

    private final double min;
    private final double binWidth;
    private final int valueBits;
    private final int maxBin;
    private final int maxActiveContexts;
    private final ContextMemory memory;
    private Facts leftFacts = Facts.EMPTY;
    private double last;

    /**
     * @param min, max          the value range split into {@code 2^valueBits} bins (values outside go to the end bins)
     * @param maxLeftFacts      facts a suggested context's left side may have (7 in the reference)
     * @param maxActiveContexts active contexts fed back as facts (15)
     * @param valueBits         bits of the value encoding (3: 8 bins)
     */
    public ContextualAnomalyDetector(double min, double max, int maxLeftFacts, int maxActiveContexts, int valueBits) {
        if (!(max >= min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("context-ose: range [" + min + ", " + max + "] must be finite with min <= max");
        }
        if (valueBits < 1 || valueBits > 16) {
            throw new IllegalArgumentException("context-ose: valueBits = " + valueBits + " is outside [1, 16]");
        }
        this.min = min;
        this.valueBits = valueBits;
        this.maxBin = (1 << valueBits) - 1;
        double range = max - min == 0 ? maxBin : max - min;
        this.binWidth = range / maxBin;
        this.maxActiveContexts = maxActiveContexts;
        this.memory = new ContextMemory(maxLeftFacts);
    }

    /** The reference's settings: 8 bins, left sides of up to 7 facts, 15 active contexts fed back. */
    public static ContextualAnomalyDetector forRange(double min, double max) {
        return new ContextualAnomalyDetector(min, max, 7, 15, 3);
    }

    /** The score of the next value, in [0, 1]. */
    public double next(double value) {
        last = rawScore(encode(value));
        return last;
    }

    /** The score the last value got. */
    public double lastScore() {
        return last;
    }

    public int contexts() {
        return memory.contexts();
    }

    /**
     * The {@code maxActiveContexts} contexts activated most often (ties: higher left hash, then
     * higher right hash, the reference's sort order); they become the next step's neuron facts.
     */
    private List<Context> strongest(List<Context> active) {
        if (active.size() <= maxActiveContexts) {
            return active;
        }
        PriorityQueue<Context> top = new PriorityQueue<>(maxActiveContexts + 1, STRENGTH);
        for (Context c : active) {
            top.add(c);
            if (top.size() > maxActiveContexts) {
                top.poll();
            }
        }
        return new ArrayList<>(top);
    }

    long[] encode(double value) {
        long bin = (long) ((value - min) / binWidth); // truncation, as the reference's int()
        bin = Math.max(0, Math.min(maxBin, bin));
        long[] facts = new long[valueBits];
        for (int bit = 0; bit < valueBits; bit++) {
            facts[bit] = bit * 2L + ((bin >> bit) & 1);
        }
        return facts;
    }

    private double rawScore(long[] sensorFacts) {
        Facts sensors = Facts.of(sensorFacts);
        Set<ContextMemory.FactPair> candidates = new HashSet<>();
        boolean newStep = false;
        if (leftFacts.size() > 0) {
            ContextMemory.FactPair step = new ContextMemory.FactPair(leftFacts, sensors);
            candidates.add(step);
            newStep = memory.learnStep(step);
        }
        ContextMemory.Crossing crossing = memory.crossRight(sensorFacts, newStep);
        candidates.addAll(crossing.suggested());
        double expected = crossing.selected() > 0 ? crossing.active().size() / (double) crossing.selected() : 0;

        List<Context> fedBack = strongest(crossing.active());
        long[] next = new long[sensorFacts.length + fedBack.size()];
        System.arraycopy(sensorFacts, 0, next, 0, sensorFacts.length);
        long[] neurons = fedBack.stream().mapToLong(c -> NEURON_FACTS + c.id).sorted().toArray();
        System.arraycopy(neurons, 0, next, sensorFacts.length, neurons.length);
        leftFacts = Facts.of(next);

        int added = memory.crossLeft(next, crossing.suggested()) + (newStep ? 1 : 0);
        double novelty = newStep && !candidates.isEmpty() ? added / (double) candidates.size() : 0;
        return (1.0 - expected + novelty) / 2.0;
    }
}
