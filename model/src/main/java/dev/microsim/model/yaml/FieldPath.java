package dev.microsim.model.yaml;

import java.util.regex.Pattern;

/** Builds field paths the way users read them: {@code services.cart.endpoints["GET /cart"].steps[2].call}. */
public final class FieldPath {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private FieldPath() {}

    public static String key(String parent, String key) {
        if (PLAIN.matcher(key).matches()) return parent.isEmpty() ? key : parent + "." + key;
        return parent + "[\"" + key.replace("\"", "\\\"") + "\"]";
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
