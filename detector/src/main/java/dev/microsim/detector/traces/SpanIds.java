package dev.microsim.detector.traces;

import java.nio.charset.StandardCharsets;

/**
 * Span and trace ids as numbers. OTel ids are hex (16 digits a span, 32 a trace); an id in another
 * form (some exporters write base64 or free text) is hashed to 64 bits instead, which keeps parent
 * links intact up to a negligible collision chance.
 */
final class SpanIds {

    private SpanIds() {
    }

    /** The id's 64-bit value; never 0 (reserved for "no parent"). Null or empty gives 0. */
    static long span(String id) {
        if (id == null || id.isEmpty()) {
            return SpanTable.NO_PARENT;
        }
        long value = id.length() <= 16 ? hex(id, 0, id.length()) : Long.MIN_VALUE;
        if (value == Long.MIN_VALUE) {
            value = hash(id);
        }
        return value == 0 ? 1 : value;
    }

    /** High and low 64 bits of a trace id. */
    static long[] trace(String id) {
        if (id == null || id.isEmpty()) {
            return new long[] {0, 0};
        }
        if (id.length() == 32) {
            long high = hex(id, 0, 16);
            long low = hex(id, 16, 32);
            if (high != Long.MIN_VALUE && low != Long.MIN_VALUE) {
                return new long[] {high, low};
            }
        }
        long low = id.length() <= 16 ? hex(id, 0, id.length()) : Long.MIN_VALUE;
        return low == Long.MIN_VALUE ? new long[] {hash(id), hash(id + "#")} : new long[] {0, low};
    }

    /** Long.MIN_VALUE when the text is not hex (a real id of 8000000000000000 is then hashed: harmless). */
    private static long hex(String id, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(id.charAt(i), 16);
            if (digit < 0) {
                return Long.MIN_VALUE;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** FNV-1a, 64 bits. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
