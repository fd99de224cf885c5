package dev.microsim.detector.logs;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The masked form of every distinct word seen, looked up by a range of the line's characters, so
 * a word seen before costs a hash over its characters and one comparison, and no substring.
 * Open addressing with linear probing, written by hand on purpose: a {@code HashMap<String, String>}
 * needs the word as a String first, and that allocation was a fifth of the parser's time.
 * Bounded: cleared when full (numbers and ids make many words unique). Not thread-safe.
 */
final class MaskedWords {

    static final int VARIABLE = 1;
    static final int BRACKET = 2;

    private final int limit;
    private final UnaryOperator<String> mask;
    private char[][] words;
    private String[] masked;
    private byte[] flags;
    private int[] hashes;
    private int size;
    private char[] chars = new char[256];
    private String[] buffer = new String[64];
    private int lastFlags;

    MaskedWords(int limit, UnaryOperator<String> mask) {
        this.limit = limit;
        this.mask = mask;
        allocate(4096);
    }

    /**
     * {@code Tokens.split(text)} with each word masked: one pass over the characters, a word seen
     * before found by its characters. {@link #lastFlags} then says whether any masked word holds a
     * {@link #VARIABLE} or a {@link #BRACKET}.
     */
    String[] tokens(String text) {
        int n = text.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        char[] line = chars;
        text.getChars(0, n, line, 0);
        int flags = 0;
        int count = 0;
        int i = 0;
        while (i < n) {
            while (i < n && Tokens.isSpace(line[i])) {
                i++;
            }
            int start = i;
            int hash = 0;
            char c;
            while (i < n && !Tokens.isSpace(c = line[i])) {
                hash = 31 * hash + c;
                i++;
            }
            if (i > start) {
                int slot = slot(line, start, i, hash);
                flags |= this.flags[slot];
                if (count == buffer.length) {
                    buffer = Arrays.copyOf(buffer, 2 * count);
                }
                buffer[count++] = masked[slot];
            }
        }
        lastFlags = flags;
        return Arrays.copyOf(buffer, count);
    }

    int lastFlags() {
        return lastFlags;
    }

    /** The slot of {@code line[from, to)} (whose String hash is {@code hash}), masked on first sight. */
    private int slot(char[] line, int from, int to, int hash) {
        int mask = words.length - 1;
        for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
            char[] word = words[i];
            if (word == null) {
                return add(Arrays.copyOfRange(line, from, to), hash, i);
            }
            if (hashes[i] == hash && Arrays.equals(word, 0, word.length, line, from, to)) {
                return i;
            }
        }
    }

    private int add(char[] word, int hash, int free) {
        if (size >= limit) {
            allocate(words.length);
            return slot(word, 0, word.length, hash);
        }
        if (2 * (size + 1) > words.length) {
            grow();
            return slot(word, 0, word.length, hash);
        }
        String maskedWord = mask.apply(new String(word));
        words[free] = word;
        masked[free] = maskedWord;
        hashes[free] = hash;
        flags[free] = (byte) ((maskedWord.contains(TokenMasks.W) ? VARIABLE : 0) | (maskedWord.indexOf('(') >= 0 ? BRACKET : 0));
        size++;
        return free;
    }

    private void grow() {
        char[][] oldWords = words;
        String[] oldMasked = masked;
        byte[] oldFlags = flags;
        int[] oldHashes = hashes;
        allocate(2 * oldWords.length);
        int mask = words.length - 1;
        for (int j = 0; j < oldWords.length; j++) {
            if (oldWords[j] != null) {
                int i = mix(oldHashes[j]) & mask;
                while (words[i] != null) {
                    i = (i + 1) & mask;
                }
                words[i] = oldWords[j];
                masked[i] = oldMasked[j];
                flags[i] = oldFlags[j];
                hashes[i] = oldHashes[j];
                size++;
            }
        }
    }

    private void allocate(int capacity) {
        words = new char[capacity][];
        masked = new String[capacity];
        flags = new byte[capacity];
        hashes = new int[capacity];
        size = 0;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
