package dev.microsim.detector.logs;

/**
 * A number with its unit is one parameter: what {@code [<>~]?<\*>\s*(?:[KMGT]i?B|B|ms|us|ns|sec|secs|s|min)\b}
 * replaced by {@code <*>} gives on a line, scanned by hand (see {@link TokenMasks}). {@code \b}
 * is JDK 17's: after the unit, no letter, digit, non-spacing mark or underscore.
 */
final class UnitMask {

    private static final String W = LogTemplateMiner.WILDCARD;
    private static final String[] WORD_UNITS = {"ms", "us", "ns", "sec", "secs", "s", "min"};

    private UnitMask() {
    }

    /** Whether a unit (with the boundary after it) starts at {@code k} of a word: a word's end is a boundary. */
    static boolean startsUnit(String word, int k) {
        return unitAt(word, k) >= 0;
    }

    static String apply(String line) {
        int n = line.length();
        StringBuilder out = null;
        int copied = 0;
        for (int i = line.indexOf(W); i >= 0 && i < n; ) {
            int start = i > copied && isPrefix(line.charAt(i - 1)) ? i - 1 : i; // not a character an earlier match took
            int end = afterWildcard(line, i + 3);
            if (end >= 0) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(line, copied, start).append(W);
                copied = end;
                i = line.indexOf(W, end);
            } else {
                i = line.indexOf(W, i + 3);
            }
        }
        return out == null ? line : out.append(line, copied, n).toString();
    }

    private static boolean isPrefix(char c) {
        return c == '<' || c == '>' || c == '~';
    }

    /** The end of {@code \s*unit\b} from {@code from} (spaces given back one by one, as the regex backtracks), or -1. */
    private static int afterWildcard(String line, int from) {
        int spaces = from;
        while (spaces < line.length() && isRegexSpace(line.charAt(spaces))) {
            spaces++;
        }
        for (int k = spaces; k >= from; k--) {
            int end = unitAt(line, k);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    private static int unitAt(String line, int k) {
        int n = line.length();
        if (k >= n) {
            return -1;
        }
        char c = line.charAt(k);
        if ((c == 'K' || c == 'M' || c == 'G' || c == 'T') && k + 1 < n) {
            if (line.charAt(k + 1) == 'i' && k + 2 < n && line.charAt(k + 2) == 'B' && boundary(line, k + 3)) {
                return k + 3;
            }
            if (line.charAt(k + 1) == 'B' && boundary(line, k + 2)) {
                return k + 2;
            }
        }
        if (c == 'B' && boundary(line, k + 1)) {
            return k + 1;
        }
        for (String unit : WORD_UNITS) {
            if (line.startsWith(unit, k) && boundary(line, k + unit.length())) {
                return k + unit.length();
            }
        }
        return -1;
    }

    private static boolean boundary(String line, int at) {
        if (at >= line.length()) {
            return true;
        }
        char c = line.charAt(at);
        return !(Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK);
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
