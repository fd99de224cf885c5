package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.List;

/** Whitespace tokenising as Python's {@code str.split()} does it: runs of whitespace separate, ends are trimmed. */
final class Tokens {

    private Tokens() {
    }

    static String[] split(String text) {
        List<String> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(text.substring(start, i));
            }
        }
        return tokens.toArray(String[]::new);
    }

    static boolean isSpace(char c) {
        if (c > ' ' && c < 127) {
            return false; // printable ASCII: almost every character of a log
        }
        return c == ' ' || (c <= '\r' && c >= '\t') || (c > 127 && (Character.isWhitespace(c) || Character.isSpaceChar(c)))
                || (c >= 0x1c && c <= 0x1f);
    }

    static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
