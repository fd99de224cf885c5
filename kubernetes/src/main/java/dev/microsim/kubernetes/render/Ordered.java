package dev.microsim.kubernetes.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps that keep the order they were written in. Rendered YAML must be the same on every run, and
 * {@code Map.of} iterates in an order that changes from one JVM to the next.
 */
public final class Ordered {
    private Ordered() {}

    /** {@code key1, value1, key2, value2, ...} in that order, unmodifiable. */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> map(Object... kv) {
        if (kv.length % 2 != 0) throw new IllegalArgumentException("keys and values come in pairs");
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (V) kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }
}
