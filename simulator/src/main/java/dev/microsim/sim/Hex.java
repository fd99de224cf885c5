package dev.microsim.sim;

/** Lower-case hex of 64-bit ids, as W3C trace context writes them. Hand-written: it runs twice per span. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    static String of(long v) {
        char[] c = new char[16];
        fill(c, 0, v);
        return new String(c);
    }

    static String of(long hi, long lo) {
        char[] c = new char[32];
        fill(c, 0, hi);
        fill(c, 16, lo);
        return new String(c);
    }

    private static void fill(char[] c, int at, long v) {
        for (int i = 15; i >= 0; i--) {
            c[at + i] = DIGITS[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
