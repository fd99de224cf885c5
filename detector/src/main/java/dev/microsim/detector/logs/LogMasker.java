package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces every match of each regex, in order, by {@code <*>}, as Drain's preprocessing does
 * ({@code re.sub(rex, "<*>", line)} for each rex). Java regex syntax; {@code \d} and {@code \w}
 * are ASCII (Python's are Unicode: the same on ASCII logs).
 *
 * <p>Speed: a regex that cannot match whitespace nor depends on where the line starts or ends
 * never matches across a token, so masking token by token gives exactly the same tokens, and words
 * repeat, so their masked form is cached. The regexes up to the last one that is not token-local
 * run on the whole line; the rest run per token. Not thread-safe (cache, reused matchers).
 */
public final class LogMasker {

    private static final LogMasker NONE = new LogMasker(List.of());
    /** Regex parts that can match whitespace or depend on the line's ends (see {@link #isTokenLocal}). */
    private static final Pattern NOT_TOKEN_LOCAL = Pattern.compile(
            "\\\\[sWDpPhvRXtnrfexuc0]|\\[\\^| |\\^|\\$|(?<!\\\\)\\.(?![^\\[]*\\])");
    private static final int CACHE_LIMIT = 100_000;

    private final List<Pattern> patterns;
    /** Matchers for {@code patterns[0 .. wholeLine)}, run on the line. */
    private final Matcher[] lineMatchers;
    /** Matchers for the token-local tail {@code patterns[wholeLine ..]}, run per token. */
    private final Matcher[] tokenMatchers;
    /** Per pattern: text every match starts with ("" when none is known), so a line without it skips the regex. */
    private final String[] lineLiterals;
    private final String[] tokenLiterals;
    private final MaskedWords words = new MaskedWords(CACHE_LIMIT, this::maskToken);

    private LogMasker(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
        int wholeLine = 0;
        for (int i = 0; i < patterns.size(); i++) {
            if (!isTokenLocal(patterns.get(i).pattern())) {
                wholeLine = i + 1;
            }
        }
        lineMatchers = patterns.subList(0, wholeLine).stream().map(p -> p.matcher("")).toArray(Matcher[]::new);
        tokenMatchers = patterns.subList(wholeLine, patterns.size()).stream().map(p -> p.matcher("")).toArray(Matcher[]::new);
        lineLiterals = patterns.subList(0, wholeLine).stream().map(p -> leadingLiteral(p.pattern())).toArray(String[]::new);
        tokenLiterals = patterns.subList(wholeLine, patterns.size()).stream().map(p -> leadingLiteral(p.pattern())).toArray(String[]::new);
    }

    /**
     * The literal text every match of {@code regex} starts with, conservatively: the characters
     * before the first regex metacharacter, minus the last one when a quantifier follows it, and
     * nothing at all when the regex has an alternation anywhere. ({@code blk_-?\d+} starts with
     * {@code blk_}, {@code 0x.*?\s} with {@code 0x}, {@code <\d+\ssec} with {@code <}.)
     */
    static String leadingLiteral(String regex) {
        if (regex.indexOf('|') >= 0) {
            return "";
        }
        int end = 0;
        while (end < regex.length() && isPlainLiteral(regex.charAt(end))) {
            end++;
        }
        boolean quantified = end < regex.length() && "?*+{".indexOf(regex.charAt(end)) >= 0;
        return regex.substring(0, quantified ? Math.max(0, end - 1) : end);
    }

    private static boolean isPlainLiteral(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_<>=/:,@#%&!~;'\" -".indexOf(c) >= 0;
    }

    public static LogMasker none() {
        return NONE;
    }

    /** Compiles every regex; one bad regex fails with all bad ones named. */
    public static LogMasker of(List<String> regexes) {
        List<Pattern> compiled = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < regexes.size(); i++) {
            try {
                compiled.add(Pattern.compile(regexes.get(i)));
            } catch (PatternSyntaxException e) {
                problems.add("masks[" + i + "]: \"" + regexes.get(i) + "\" is not a regex: " + e.getDescription());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LogMasker(compiled);
    }

    /**
     * Conservative: a regex is token-local when its text has none of whitespace escapes, negated
     * classes, {@code \W}/{@code \D}/property classes, a literal space, an unescaped dot outside a
     * class, or anchors. Anything else could match across a space, so it takes the slow path.
     */
    static boolean isTokenLocal(String regex) {
        return !NOT_TOKEN_LOCAL.matcher(regex).find();
    }

    /** The masked line, as the reference computes it. */
    public String mask(String message) {
        String text = message;
        for (Pattern pattern : patterns) {
            text = replaceAll(pattern.matcher(text), text);
        }
        return text;
    }

    /** {@code Tokens.split(mask(message))}, computed token by token where that gives the same result. */
    public String[] maskedTokens(String message) {
        String text = message;
        for (int i = 0; i < lineMatchers.length; i++) {
            if (text.contains(lineLiterals[i])) {
                text = replaceAll(lineMatchers[i].reset(text), text);
            }
        }
        return tokenMatchers.length > 0 ? words.tokens(text) : Tokens.split(text);
    }

    /** The token-local masks of one distinct word (cached by {@link MaskedWords}: words repeat). */
    private String maskToken(String token) {
        String masked = token;
        for (int i = 0; i < tokenMatchers.length; i++) {
            if (masked.contains(tokenLiterals[i])) {
                masked = replaceAll(tokenMatchers[i].reset(masked), masked);
            }
        }
        return masked;
    }

    private static String replaceAll(Matcher matcher, String text) {
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, matcher.start()).append(LogTemplateMiner.WILDCARD);
            last = matcher.end();
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }

    public List<String> regexes() {
        return patterns.stream().map(Pattern::pattern).toList();
    }

    /** A miner keeps its own masker: the cache is not safe to share between threads. */
    public LogMasker copy() {
        return new LogMasker(patterns);
    }

    @Override
    public String toString() {
        return patterns.isEmpty() ? "no masks" : patterns.size() + " masks " + regexes();
    }
}
