package dev.microsim.detector.context;

/**
 * The hash CPython 2.7 (and 3.0 to 3.7) gives a tuple of non-negative integers below 2^63: the
 * reference CAD OSE orders equally often activated contexts by the hashes of their fact tuples, so
 * this port uses the same numbers to pick the same winners, and with them reproduces NAB's
 * published per-file results (which were made with CPython 2.7). Any fixed tie-break would make a
 * working detector; only this one matches the reference point for point.
 */
final class TupleHash {

    private TupleHash() {
    }

    static long of(long[] facts) {
        long x = 0x345678L;
        long multiplier = 1_000_003L;
        for (int i = 0; i < facts.length; i++) {
            // hash(n) == n for these integers; the arithmetic wraps at 64 bits as the C code does
            x = (x ^ facts[i]) * multiplier;
            int remaining = facts.length - 1 - i;
            multiplier += 82_520L + remaining + remaining;
        }
        x += 97_531L;
        return x == -1 ? -2 : x;
    }
}
