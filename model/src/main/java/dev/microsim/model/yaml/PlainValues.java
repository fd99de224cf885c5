package dev.microsim.model.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault parameters as the catalogue receives them, whether they came from a scenario file or the
 * control API: String, Long, Double, Boolean, List or Map (in written order); null for null.
 */
public final class PlainValues {
    private PlainValues() {}

    public static Object of(JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(of(x)));
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.properties().forEach(e -> out.put(e.getKey(), of(e.getValue())));
            return out;
        }
        return null;
    }
}
