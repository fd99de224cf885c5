package dev.microsim.detector.traces;

/**
 * Span id to row, open addressing over primitive arrays: a million spans cost 24 MB and no boxing,
 * where a {@code HashMap<Long, Integer>} would cost several times that. Written by hand on purpose
 * (no primitive-collections library in the build for this one map).
 */
final class SpanIndex {

    private final long[] keys;
    private final int[] rows;
    private final int mask;

    SpanIndex(SpanTable spans) {
        int capacity = Integer.highestOneBit(Math.max(4, spans.size() * 2 - 1)) << 1;
        keys = new long[capacity];
        rows = new int[capacity];
        mask = capacity - 1;
        for (int row = 0; row < spans.size(); row++) {
            put(spans.spanId[row], row);
        }
    }

    private void put(long key, int row) {
        int slot = slot(key);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key; // a duplicate span id keeps the last row
        rows[slot] = row;
    }

    /** The row of the span with this id, or -1. */
    int row(long key) {
        if (key == 0) {
            return -1;
        }
        int slot = slot(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return rows[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
