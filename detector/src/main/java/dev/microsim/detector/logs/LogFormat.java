package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A loghub-style header format such as {@code <Date> <Time> <Level> <Component>: <Content>}:
 * {@code <Name>} fields, regex text between them (runs of spaces match any whitespace), and a
 * {@code <Content>} field that is the message a template miner sees. Built the way logparser builds
 * it (each field a lazy {@code .*?}, the whole line anchored), so lines split the same.
 */
public final class LogFormat {

    private static final Pattern FIELD = Pattern.compile("<([^<>]+)>");
    private static final Pattern SPACES = Pattern.compile(" +");

    private final String format;
    private final Pattern pattern;
    private final List<String> fields;

    private LogFormat(String format, Pattern pattern, List<String> fields) {
        this.format = format;
        this.pattern = pattern;
        this.fields = List.copyOf(fields);
    }

    public static LogFormat of(String format) {
        List<String> fields = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = FIELD.matcher(format);
        int last = 0;
        while (m.find()) {
            regex.append(SPACES.matcher(format.substring(last, m.start())).replaceAll("\\\\s+"));
            String name = m.group(1);
            if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("log format \"" + format + "\": field <" + name + "> must be letters and digits");
            }
            if (fields.contains(name)) {
                throw new IllegalArgumentException("log format \"" + format + "\": field <" + name + "> appears twice");
            }
            fields.add(name);
            regex.append("(?<").append(name).append(">.*?)");
            last = m.end();
        }
        regex.append(SPACES.matcher(format.substring(last)).replaceAll("\\\\s+")).append('$');
        if (!fields.contains("Content")) {
            throw new IllegalArgumentException("log format \"" + format + "\" has no <Content> field");
        }
        try {
            return new LogFormat(format, Pattern.compile(regex.toString()), fields);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("log format \"" + format + "\" is not a valid pattern: " + e.getDescription());
        }
    }

    /** The message part of a raw line (trimmed first, as logparser does), or empty when the line does not fit. */
    public Optional<String> content(String line) {
        Matcher m = pattern.matcher(line.strip());
        return m.find() ? Optional.of(m.group("Content")) : Optional.empty();
    }

    public List<String> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return format;
    }
}
