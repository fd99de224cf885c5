package dev.microsim.detector.logs;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The one set of variable masks {@link FrequencyParser} uses for every log source: no per-system
 * rules. It marks as {@code <*>} what is a parameter in practically any log: URLs, file paths,
 * dotted names (hosts, IPs, package and class names), calendar timestamps, hex ids and UUIDs,
 * numbers (with their sign), numbers joined by punctuation ({@code 10.0.0.1:8080},
 * {@code 00:01}), a number with its unit ({@code 151 KB}, {@code <1 sec}); it drops a bracket
 * that holds nothing but a parameter ({@code ()}, {@code (<*>)}), since such an annotation comes
 * and goes between lines of one template; and it folds a run of the same variable token
 * ({@code blk_<*> blk_<*> ...}, a list) into one.
 *
 * <p>{@link RegexVariableMasker} says the same with regexes and is the specification: this class
 * gives exactly its tokens (tested on every loghub-2k line and on random text), in one pass per
 * line and one scan per distinct word ({@link TokenMasks}, cached), because the regexes made
 * the parser four times too slow. Only the calendar timestamp, which spans words and is rare, is
 * still a regex, and it runs only on a line that names a weekday.
 */
public final class VariableMasker implements MessageTokenizer {

    private static final String W = LogTemplateMiner.WILDCARD;
    private static final Pattern CALENDAR_TIME = Pattern.compile(
            "\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s+\\d+\\s+\\d+:\\d+:\\d+(\\s+[A-Z]{3})?\\s+\\d{4}");
    private static final String[] WEEKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final int CACHE_LIMIT = 100_000;

    private final MaskedWords words = new MaskedWords(CACHE_LIMIT, TokenMasks::mask);

    /** Not thread-safe (a word cache): one masker per parse. */
    @Override
    public String[] tokens(String message) {
        String text = mayHoldCalendarTime(message) ? CALENDAR_TIME.matcher(message).replaceAll(W) : message;
        String[] tokens = words.tokens(text);
        int flags = words.lastFlags();
        boolean anyBracket = (flags & MaskedWords.BRACKET) != 0;
        if ((flags & MaskedWords.VARIABLE) == 0) {
            return anyBracket ? withoutBracketedVariables(tokens) : tokens; // folding needs a variable
        }
        if (mayHoldUnit(tokens)) {
            tokens = Tokens.split(UnitMask.apply(String.join(" ", tokens)));
        }
        return foldRuns(anyBracket ? withoutBracketedVariables(tokens) : tokens);
    }

    /** The calendar regex needs a digit, a colon and a digit, and a weekday: most lines lack one of them. */
    private static boolean mayHoldCalendarTime(String message) {
        int n = message.length();
        boolean clock = false;
        for (int colon = message.indexOf(':'); colon >= 0 && !clock; colon = message.indexOf(':', colon + 1)) {
            clock = colon > 0 && colon + 1 < n && TokenMasks.isDigit(message.charAt(colon - 1)) && TokenMasks.isDigit(message.charAt(colon + 1));
        }
        if (!clock) {
            return false;
        }
        for (int i = 0; i + 2 < n; i++) {
            char c = message.charAt(i);
            if ((c == 'M' || c == 'T' || c == 'W' || c == 'F' || c == 'S') && isWeekday(message, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWeekday(String message, int at) {
        for (String day : WEEKDAYS) {
            if (message.startsWith(day, at)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the unit mask matches anywhere: a unit right after a wildcard in the same word, or
     * starting the next word when the wildcard ends its word (the single space between is the
     * only whitespace {@code \s*} can take).
     */
    private static boolean mayHoldUnit(String[] tokens) {
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            for (int w = token.indexOf(W); w >= 0; w = token.indexOf(W, w + 3)) {
                int after = w + 3;
                if (after < token.length() ? UnitMask.startsUnit(token, after) : t + 1 < tokens.length && UnitMask.startsUnit(tokens[t + 1], 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Drops the words {@code ()} and {@code (<*>)}: what {@code (?:^|\s)\((<\*>)?\)(?=\s|$)} replaced
     * by a space does to words joined by single spaces.
     */
    private static String[] withoutBracketedVariables(String[] tokens) {
        int kept = 0;
        String[] out = tokens;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            boolean bracketed = token.equals("()") || token.equals("(<*>)");
            if (bracketed && out == tokens) {
                out = Arrays.copyOf(tokens, tokens.length);
            }
            if (!bracketed) {
                out[kept++] = token;
            }
        }
        return out == tokens ? tokens : Arrays.copyOf(out, kept);
    }

    private static String[] foldRuns(String[] tokens) {
        int kept = 0;
        String last = null;
        String[] out = tokens.clone();
        for (String token : tokens) {
            if (token.equals(last) && token.contains(W)) {
                continue;
            }
            out[kept++] = token;
            last = token;
        }
        return kept == out.length ? out : Arrays.copyOf(out, kept);
    }
}
