package dev.microsim.detector.logs;

/**
 * The per-token masks of {@link VariableMasker}, written as single-pass scanners: each gives
 * exactly what {@code replaceAll(<*>)} of its regex in {@link RegexVariableMasker} gives (the
 * regex is quoted above each one; {@code VariableMaskerTest} checks the two agree on every
 * loghub-2k line and on random text), without the regex engine's backtracking and allocation.
 * Each returns its argument itself when nothing matched. A token holds no whitespace, which is
 * what lets {@code \S*} run to its end.
 *
 * <p>Written by hand on purpose: the regexes were 75 % of the frequency parser's time.
 */
final class TokenMasks {

    static final String W = LogTemplateMiner.WILDCARD;

    private TokenMasks() {
    }

    /**
     * All masks in order, as {@code RegexVariableMasker.maskToken}; a mask runs only when the
     * characters it needs are there (a slash, two dots, a digit), which most words lack.
     */
    static String mask(String token) {
        boolean slash = false;
        boolean digit = false;
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            slash |= c == '/';
            digit |= isDigit(c);
            dots += c == '.' ? 1 : 0;
        }
        String masked = slash ? path(url(token)) : token;
        masked = dots >= 2 ? dottedName(masked) : masked;
        masked = digit ? number(hex(masked)) : masked;
        return joined(masked);
    }

    /** {@code \w+://\S+}: from the start of the word before the first {@code ://} that has something after it, to the end. */
    static String url(String t) {
        int n = t.length();
        for (int j = t.indexOf("://"); j >= 0; j = t.indexOf("://", j + 1)) {
            if (j > 0 && isWord(t.charAt(j - 1)) && j + 3 < n) {
                int start = j - 1;
                while (start > 0 && isWord(t.charAt(start - 1))) {
                    start--;
                }
                return t.substring(0, start) + W;
            }
        }
        return t;
    }

    /** {@code (?<![\w/])/[\w.@%+*\-]+/\S*}: a slash not after a word character or slash, a path segment, a slash, the rest. */
    static String path(String t) {
        int n = t.length();
        for (int i = t.indexOf('/'); i >= 0; i = t.indexOf('/', i + 1)) {
            if (i > 0 && (isWord(t.charAt(i - 1)) || t.charAt(i - 1) == '/')) {
                continue;
            }
            int k = i + 1;
            while (k < n && isPathSegment(t.charAt(k))) {
                k++;
            }
            if (k > i + 1 && k < n && t.charAt(k) == '/') {
                return t.substring(0, i) + W;
            }
        }
        return t;
    }

    /** {@code ([\w-]+\.){2,}[\w-]+}: at least three runs of word characters or dashes joined by single dots. */
    static String dottedName(String t) {
        int n = t.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            if (!isNameChar(t.charAt(i))) {
                i++;
                continue;
            }
            int runs = 0;
            int end = i;
            int k = i;
            while (true) {
                while (k < n && isNameChar(t.charAt(k))) {
                    k++;
                }
                runs++;
                end = k;
                if (k + 1 < n && t.charAt(k) == '.' && isNameChar(t.charAt(k + 1))) {
                    k++;
                } else {
                    break;
                }
            }
            if (runs >= 3) {
                out = append(out, t, copied, i);
                copied = end;
            }
            i = end; // every start inside these runs gives fewer runs: none matches
        }
        return finish(out, t, copied);
    }

    /**
     * {@code (?<![A-Za-z0-9])[-+]?(0[xX][0-9a-fA-F]+|(?=[0-9a-fA-F-]*\d)[0-9a-fA-F]+(-[0-9a-fA-F]+)+
     * |(?=[a-fA-F]*\d)[0-9a-fA-F]{8,})(?![A-Za-z0-9])}: a 0x number, dash-joined hex groups with a
     * digit (a UUID), or eight or more hex digits with a digit among the leading letters' next char.
     */
    static String hex(String t) {
        int n = t.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            int end = -1;
            if (i == 0 || !isAlnum(t.charAt(i - 1))) {
                char c = t.charAt(i);
                end = c == '-' || c == '+' ? hexBody(t, i + 1) : hexBody(t, i);
            }
            if (end > 0) {
                out = append(out, t, copied, i);
                copied = end;
                i = end;
            } else {
                i++;
            }
        }
        return finish(out, t, copied);
    }

    /** The end of the hex alternatives matched at {@code s} (each with the trailing look-ahead), or -1. */
    private static int hexBody(String t, int s) {
        int n = t.length();
        if (s >= n) {
            return -1;
        }
        // 0[xX][0-9a-fA-F]+
        if (t.charAt(s) == '0' && s + 2 < n && (t.charAt(s + 1) == 'x' || t.charAt(s + 1) == 'X') && isHex(t.charAt(s + 2))) {
            int e = hexRun(t, s + 2);
            if (e == n || !isAlnum(t.charAt(e))) {
                return e;
            }
        }
        // (?=[0-9a-fA-F-]*\d)[0-9a-fA-F]+(-[0-9a-fA-F]+)+
        int e0 = hexRun(t, s);
        if (e0 > s && hasDigitInHexDashRun(t, s)) {
            int groups = 0;
            int lastEnd = e0;
            int previousEnd = -1;
            int k = e0;
            while (k + 1 < n && t.charAt(k) == '-' && isHex(t.charAt(k + 1))) {
                previousEnd = lastEnd;
                k = hexRun(t, k + 1);
                lastEnd = k;
                groups++;
            }
            if (groups >= 1 && (lastEnd == n || !isAlnum(t.charAt(lastEnd)))) {
                return lastEnd;
            }
            if (groups >= 2) {
                return previousEnd; // the last group given back: a dash follows, which the look-ahead allows
            }
        }
        // (?=[a-fA-F]*\d)[0-9a-fA-F]{8,}
        int letters = s;
        while (letters < n && isHexLetter(t.charAt(letters))) {
            letters++;
        }
        if (letters < n && isDigit(t.charAt(letters)) && e0 - s >= 8 && (e0 == n || !isAlnum(t.charAt(e0)))) {
            return e0;
        }
        return -1;
    }

    private static boolean hasDigitInHexDashRun(String t, int s) {
        for (int k = s; k < t.length(); k++) {
            char c = t.charAt(k);
            if (isDigit(c)) {
                return true;
            }
            if (!isHex(c) && c != '-') {
                return false;
            }
        }
        return false;
    }

    /** {@code ((?<![A-Za-z0-9])[-+])?\d+}: digits, with a sign in front unless that sign follows a letter or digit. */
    static String number(String t) {
        int n = t.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            int start = -1;
            int digits = -1;
            if ((c == '-' || c == '+') && i + 1 < n && isDigit(t.charAt(i + 1)) && (i == 0 || !isAlnum(t.charAt(i - 1)))) {
                start = i;
                digits = i + 1;
            } else if (isDigit(c)) {
                start = i;
                digits = i;
            }
            if (start < 0) {
                i++;
                continue;
            }
            int end = digits;
            while (end < n && isDigit(t.charAt(end))) {
                end++;
            }
            out = append(out, t, copied, start);
            copied = end;
            i = end;
        }
        return finish(out, t, copied);
    }

    /** {@code <\*>([.:,/_-]<\*>)+}: wildcards joined by punctuation become one. */
    static String joined(String t) {
        int first = t.indexOf(W);
        if (first < 0 || t.indexOf(W, first + 1) < 0) {
            return t;
        }
        int n = t.length();
        StringBuilder out = null;
        int copied = 0;
        for (int i = first; i >= 0 && i < n; ) {
            int k = i + 3;
            while (k + 3 < n && isJoiner(t.charAt(k)) && t.startsWith(W, k + 1)) {
                k += 4;
            }
            if (k > i + 3) {
                out = append(out, t, copied, i);
                copied = k;
            }
            i = t.indexOf(W, k);
        }
        return finish(out, t, copied);
    }

    private static StringBuilder append(StringBuilder out, String t, int from, int to) {
        StringBuilder b = out == null ? new StringBuilder(t.length()) : out;
        return b.append(t, from, to).append(W);
    }

    private static String finish(StringBuilder out, String t, int copied) {
        return out == null ? t : out.append(t, copied, t.length()).toString();
    }

    private static int hexRun(String t, int from) {
        int k = from;
        while (k < t.length() && isHex(t.charAt(k))) {
            k++;
        }
        return k;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isWord(c) || c == '-';
    }

    private static boolean isPathSegment(char c) {
        return isWord(c) || c == '.' || c == '@' || c == '%' || c == '+' || c == '*' || c == '-';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isHexLetter(char c) {
        return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isJoiner(char c) {
        return c == '.' || c == ':' || c == ',' || c == '/' || c == '_' || c == '-';
    }
}
