package dev.microsim.detector.traces;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Turns a string value from the parser's buffer into a shared String without allocating one per
 * occurrence: a dump has millions of spans but only tens of service and operation names.
 */
final class TextInterner {

    private String[] table = new String[256];
    private int size;

    String intern(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int mask = table.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (table[slot] != null) {
            String s = table[slot];
            if (s.length() == length && s.hashCode() == hash && equal(s, chars, offset)) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(chars, offset, length);
        table[slot] = s;
        if (++size * 2 > table.length) {
            rehash();
        }
        return s;
    }

    private static boolean equal(String s, char[] chars, int offset) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String s : old) {
            if (s != null) {
                int h = s.hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = s;
            }
        }
    }
}
