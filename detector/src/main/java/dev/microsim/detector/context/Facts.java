package dev.microsim.detector.context;

import java.util.Arrays;

/**
 * A sorted set of facts (sensor facts of the encoded value, and facts naming the contexts that were
 * active, the "neurons") with its {@link TupleHash}; equal by content.
 */
record Facts(long[] values, long hash) {

    static final Facts EMPTY = of(new long[0]);

    static Facts of(long[] sorted) {
        return new Facts(sorted, TupleHash.of(sorted));
    }

    int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Facts f && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
