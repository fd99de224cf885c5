package dev.microsim.detector.context;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a context: the facts it holds and, after each crossing with the current facts, which
 * of them were present ({@link #crossed}). A left semi-context also maps each right semi-context it
 * was ever paired with to the context they form, in the order the pairs were learnt (the order the
 * reference iterates them in).
 */
final class SemiContext {

    final int id;
    final Facts facts;
    final Map<Integer, Integer> contextByRight = new LinkedHashMap<>();
    private long[] crossed = new long[4];
    private int crossedCount;
    private Facts crossedFacts;

    SemiContext(int id, Facts facts) {
        this.id = id;
        this.facts = facts;
    }

    void clearCrossing() {
        crossedCount = 0;
        crossedFacts = null;
    }

    void cross(long fact) {
        if (crossedCount == crossed.length) {
            crossed = Arrays.copyOf(crossed, crossed.length * 2);
        }
        crossed[crossedCount++] = fact;
        crossedFacts = null;
    }

    int crossedCount() {
        return crossedCount;
    }

    boolean fullyCrossed() {
        return crossedCount == facts.size();
    }

    /** The facts present at the last crossing, in the order they were given (sorted). */
    Facts crossedFacts() {
        if (crossedFacts == null) {
            crossedFacts = Facts.of(Arrays.copyOf(crossed, crossedCount));
        }
        return crossedFacts;
    }
}
