package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable specification of {@link VariableMasker}, as regexes: the same masks, the same
 * tokens out, several times slower. Kept for {@code VariableMaskerTest} (the hand-written scanners
 * must give exactly these tokens) and for {@code LogParsingBenchmark}'s before/after column.
 *
 * <p>The one set of variable masks {@link FrequencyParser} uses for every log source: no per-system
 * rules. It marks as {@code <*>} what is a parameter in practically any log: URLs, file paths,
 * dotted names (hosts, IPs, package and class names), calendar timestamps, hex ids and UUIDs,
 * numbers (with their sign), numbers joined by punctuation ({@code 10.0.0.1:8080},
 * {@code 00:01}), a number with its unit ({@code 151 KB}, {@code <1 sec}); it drops a bracket
 * that holds nothing but a parameter ({@code ()}, {@code (<*>)}), since such an annotation comes
 * and goes between lines of one template; and it folds a run of the same variable token
 * ({@code blk_<*> blk_<*> ...}, a list) into one.
 */
public final class RegexVariableMasker implements MessageTokenizer {

    private static final String W = LogTemplateMiner.WILDCARD;
    private static final Pattern CALENDAR_TIME = Pattern.compile(
            "\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\s+\\d+\\s+\\d+:\\d+:\\d+(\\s+[A-Z]{3})?\\s+\\d{4}");
    // Token-local: none can match a space, so they run per token (and per distinct token, cached).
    private static final Pattern URL = Pattern.compile("\\w+://\\S+");
    private static final Pattern PATH = Pattern.compile("(?<![\\w/])/[\\w.@%+*\\-]+/\\S*");
    private static final Pattern DOTTED_NAME = Pattern.compile("([\\w-]+\\.){2,}[\\w-]+");
    private static final Pattern HEX = Pattern.compile("(?<![A-Za-z0-9])[-+]?(0[xX][0-9a-fA-F]+"
            + "|(?=[0-9a-fA-F-]*\\d)[0-9a-fA-F]+(-[0-9a-fA-F]+)+|(?=[a-fA-F]*\\d)[0-9a-fA-F]{8,})(?![A-Za-z0-9])");
    private static final Pattern NUMBER = Pattern.compile("((?<![A-Za-z0-9])[-+])?\\d+");
    private static final Pattern JOINED = Pattern.compile("<\\*>([.:,/_-]<\\*>)+");
    private static final Pattern WITH_UNIT = Pattern.compile("[<>~]?<\\*>\\s*(?:[KMGT]i?B|B|ms|us|ns|sec|secs|s|min)"
            + "(?![\\p{L}\\p{Nd}\\p{Mn}_])"); // JDK 17's \b after a word character, spelled out: JDK 19+ made \b ASCII-only
    private static final Pattern BRACKETED_VARIABLE = Pattern.compile("(?:^|\\s)\\((<\\*>)?\\)(?=\\s|$)");
    private static final int CACHE_LIMIT = 100_000;

    private final Map<String, String> cache = new HashMap<>();
    private final Matcher url = URL.matcher("");
    private final Matcher path = PATH.matcher("");
    private final Matcher dottedName = DOTTED_NAME.matcher("");
    private final Matcher hex = HEX.matcher("");
    private final Matcher number = NUMBER.matcher("");
    private final Matcher joined = JOINED.matcher("");

    /** Not thread-safe (a token cache): one masker per parse. */
    @Override
    public String[] tokens(String message) {
        String text = message.indexOf(':') >= 0 ? CALENDAR_TIME.matcher(message).replaceAll(W) : message;
        String[] tokens = Tokens.split(text);
        boolean anyVariable = false;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = maskToken(tokens[i]);
            anyVariable |= tokens[i].contains(W);
        }
        if (!anyVariable && text.indexOf('(') < 0) {
            return foldRuns(tokens);
        }
        String joined = String.join(" ", tokens);
        if (anyVariable) {
            joined = WITH_UNIT.matcher(joined).replaceAll(W);
        }
        if (joined.indexOf('(') >= 0) {
            joined = BRACKETED_VARIABLE.matcher(joined).replaceAll(" ");
        }
        return foldRuns(Tokens.split(joined));
    }

    private String maskToken(String token) {
        String cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        // each regex only where the characters it needs are present: most tokens need none
        String masked = token;
        if (masked.contains("://")) {
            masked = url.reset(masked).replaceAll(W);
        }
        if (masked.indexOf('/') >= 0) {
            masked = path.reset(masked).replaceAll(W);
        }
        int dot = masked.indexOf('.');
        if (dot >= 0 && masked.indexOf('.', dot + 1) > 0) {
            masked = dottedName.reset(masked).replaceAll(W);
        }
        if (Tokens.hasDigit(masked)) {
            masked = hex.reset(masked).replaceAll(W);
            masked = number.reset(masked).replaceAll(W);
        }
        int first = masked.indexOf(W);
        if (first >= 0 && masked.indexOf(W, first + 1) > 0) {
            masked = joined.reset(masked).replaceAll(W);
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(token, masked);
        return masked;
    }

    private static String[] foldRuns(String[] tokens) {
        List<String> out = new ArrayList<>(tokens.length);
        String last = null;
        for (String token : tokens) {
            if (token.equals(last) && token.contains(W)) {
                continue;
            }
            out.add(token);
            last = token;
        }
        return out.toArray(String[]::new);
    }
}
