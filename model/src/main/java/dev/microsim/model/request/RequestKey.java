package dev.microsim.model.request;

import java.util.SplittableRandom;

/**
 * The identity of one load-generated request, sent as the {@value #HEADER} header so that the
 * mesh can draw that request's randomness from its own stream (see docs/runtime.md,
 * "Determinism"). A key depends only on where the request sits in the plan: the load entry's
 * index, the arrival number within that entry (for the closed model, user and iteration), and the
 * visit number within a journey. It does not depend on when the request is sent or in which order
 * concurrent requests arrive, so the same plan stamps the same keys in every run.
 *
 * <p>On the wire the key is 16 lower-case hex digits (an unsigned 64-bit value).
 */
public final class RequestKey {
    /** The request header that carries the key. */
    public static final String HEADER = "x-microsim-key";

    private RequestKey() {}

    /** Key of visit {@code visit} (0 for a single target) of arrival {@code arrival} of entry {@code entry}. */
    public static long of(int entry, long arrival, int visit) {
        if (entry < 0) throw new IllegalArgumentException("entry must be >= 0, got " + entry);
        if (arrival < 0) throw new IllegalArgumentException("arrival must be >= 0, got " + arrival);
        if (visit < 0) throw new IllegalArgumentException("visit must be >= 0, got " + visit);
        return mix(mix(mix(entry + 1L) ^ arrival) ^ visit);
    }

    /**
     * Arrival number of iteration {@code iteration} of closed-model user {@code user}: users keep
     * their own counters (their pace depends on latency), so the pair, not a shared counter, is what
     * stays the same between runs.
     */
    public static long closedArrival(long user, long iteration) {
        if (user < 0 || user > Integer.MAX_VALUE) throw new IllegalArgumentException("user must be in [0, 2^31), got " + user);
        if (iteration < 0 || iteration > 0xFFFF_FFFFL) throw new IllegalArgumentException("iteration must be in [0, 2^32), got " + iteration);
        return (user << 32) | iteration;
    }

    /** The header value for {@code key}. */
    public static String format(long key) {
        return String.format("%016x", key);
    }

    /**
     * Reads a header value.
     *
     * @throws IllegalArgumentException naming the header and the value when it is not 1 to 16 hex digits
     */
    public static long parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 16) {
            throw new IllegalArgumentException(HEADER + ": expected 1 to 16 hex digits, got \"" + value + "\"");
        }
        try {
            return Long.parseUnsignedLong(value, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HEADER + ": expected 1 to 16 hex digits, got \"" + value + "\"");
        }
    }

    /** SplitMix64's gamma: what {@link SplittableRandom} adds to its seed before its first output. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * SplitMix64's finaliser as the JDK implements it: {@code new SplittableRandom(z).nextLong()} is
     * {@code mix64(z + golden gamma)}, which spreads nearby inputs (arrival 1, arrival 2) to
     * unrelated values. Written out rather than called through a new {@link SplittableRandom}: on
     * JDK 17 each one allocates itself and a proxy, a dozen times per simulated hop, and that was
     * the largest single cost of fast mode. {@code RequestKeyTest} checks it against the JDK's.
     */
    public static long mix(long z) {
        z += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
