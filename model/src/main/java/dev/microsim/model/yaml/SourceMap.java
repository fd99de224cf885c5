package dev.microsim.model.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;

/**
 * Field path to line:column, from a token-level pass over the YAML. Jackson's tree drops
 * positions (and data binding reports them after the object), so errors get their exact place
 * from here. The same pass finds duplicate keys, which the tree silently collapses.
 */
public final class SourceMap {
    private final Map<String, SourcePosition> values = new HashMap<>();
    private final Map<String, SourcePosition> keys = new HashMap<>();
    private final List<String> duplicateKeys = new ArrayList<>();
    private final List<Alias> aliases = new ArrayList<>();

    /** A YAML alias ({@code *name}) found at {@code path}. */
    public record Alias(String path, String name, SourcePosition position) {}

    private SourceMap() {}

    public static SourceMap empty() {
        return new SourceMap();
    }

    static SourceMap build(YAMLFactory factory, String text) throws IOException {
        SourceMap map = new SourceMap();
        try (JsonParser p = factory.createParser(text)) {
            Deque<Frame> stack = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                SourcePosition here = position(p.currentTokenLocation());
                if (t == JsonToken.FIELD_NAME) {
                    Frame f = stack.peek();
                    f.field = p.currentName();
                    String path = FieldPath.key(f.path, f.field);
                    if (!f.seen.add(f.field)) map.duplicateKeys.add(path);
                    map.keys.putIfAbsent(path, here);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                String path = stack.isEmpty() ? "" : stack.peek().childPath();
                map.values.putIfAbsent(path, here);
                if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) map.aliases.add(new Alias(path, p.getText(), here));
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    stack.push(new Frame(path, t == JsonToken.START_ARRAY));
                }
            }
        }
        return map;
    }

    private static SourcePosition position(JsonLocation loc) {
        return new SourcePosition(loc.getLineNr(), loc.getColumnNr());
    }

    /** Where the value at {@code path} starts; for a missing value, where its parent starts. */
    public Optional<SourcePosition> valueAt(String path) {
        String p = path;
        while (true) {
            SourcePosition pos = values.get(p);
            if (pos != null) return Optional.of(pos);
            if (p.isEmpty()) return Optional.empty();
            p = parent(p);
        }
    }

    /** Where the key of {@code path} is written (for unknown keys), else where its value is. */
    public Optional<SourcePosition> keyAt(String path) {
        SourcePosition pos = keys.get(path);
        return pos != null ? Optional.of(pos) : valueAt(path);
    }

    public List<String> duplicateKeys() {
        return List.copyOf(duplicateKeys);
    }

    /** Aliases in file order: the tree holds an alias as the plain text of its name, so they are refused. */
    public List<Alias> aliases() {
        return List.copyOf(aliases);
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        // a '.' or '[' inside a quoted key does not count: walk back to the bracket that opens it
        if (path.endsWith("\"]")) cut = path.lastIndexOf("[\"", path.length() - 3);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static final class Frame {
        final String path;
        final boolean array;
        final Set<String> seen = new HashSet<>();
        String field;
        int next;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String childPath() {
            return array ? FieldPath.index(path, next++) : FieldPath.key(path, field);
        }
    }
}
