package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, String> cache = new HashMap<>();

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
        for (Matcher matcher : lineMatchers) {
            text = replaceAll(matcher.reset(text), text);
        }
        String[] tokens = Tokens.split(text);
        if (tokenMatchers.length > 0) {
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = maskToken(tokens[i]);
            }
        }
        return tokens;
    }

    private String maskToken(String token) {
        String cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        String masked = token;
        for (Matcher matcher : tokenMatchers) {
            masked = replaceAll(matcher.reset(masked), masked);
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear(); // numbers and ids make most tokens unique; keep memory bounded
        }
        cache.put(token, masked);
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
