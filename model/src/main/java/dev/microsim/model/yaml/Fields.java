package dev.microsim.model.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.model.units.Durations;
import dev.microsim.model.units.Rate;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, error-collecting access to one YAML mapping. Every getter reports a problem (with the
 * field path and the offending value) instead of throwing, and returns empty, so that one parse
 * reports every problem at once.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    private final Diagnostics diagnostics;

    private Fields(JsonNode node, String path, Diagnostics diagnostics) {
        this.node = node;
        this.path = path;
        this.diagnostics = diagnostics;
    }

    /** Empty (and a problem reported) when {@code node} is not a mapping. */
    static Optional<Fields> of(JsonNode node, String path, Diagnostics diagnostics, String what) {
        if (node == null || !node.isObject()) {
            diagnostics.error(path, "expected " + what + " (a mapping), got " + describe(node));
            return Optional.empty();
        }
        return Optional.of(new Fields(node, path, diagnostics));
    }

    String path() {
        return path;
    }

    String path(String key) {
        return FieldPath.key(path, key);
    }

    JsonNode node() {
        return node;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode get(String key) {
        return node.get(key);
    }

    /** Reports every key not in {@code allowed}, suggesting the closest allowed one. */
    void allowOnly(Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                diagnostics.keyError(path(key), "unknown key \"" + key + "\"" + Suggestions.didYouMean(key, allowed)
                        + hint(allowed));
            }
        }
    }

    private static String hint(Set<String> allowed) {
        return allowed.size() <= 12 ? "; allowed: " + String.join(", ", allowed.stream().sorted().toList()) : "";
    }

    boolean require(String key) {
        if (has(key)) return true;
        diagnostics.error(path, "missing required key \"" + key + "\"");
        return false;
    }

    Optional<String> string(String key, boolean required) {
        if (!present(key, required)) return Optional.empty();
        JsonNode v = node.get(key);
        if (!v.isValueNode()) {
            diagnostics.error(path(key), "expected a text value, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** A whole number in [{@code min}, {@code max}]; the message names both limits. */
    Optional<Long> integer(String key, boolean required, long min, long max) {
        if (!present(key, required)) return Optional.empty();
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber()) {
            diagnostics.error(path(key), "expected a whole number, got " + describe(v));
            return Optional.empty();
        }
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            diagnostics.error(path(key), "must be between " + min + " and " + max + ", got " + v.asText());
            return Optional.empty();
        }
        return Optional.of(v.asLong());
    }

    /** Any 64-bit whole number (the seed). */
    Optional<Long> anyInteger(String key) {
        if (!present(key, false)) return Optional.empty();
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber()) {
            diagnostics.error(path(key), "expected a whole number, got " + describe(v));
            return Optional.empty();
        }
        if (!v.canConvertToLong()) {
            diagnostics.error(path(key), "must be between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + " (64 bits), got " + v.asText());
            return Optional.empty();
        }
        return Optional.of(v.asLong());
    }

    Optional<Double> probability(String key, boolean required) {
        return number(key, required).filter(p -> {
            if (p >= 0 && p <= 1) return true;
            diagnostics.error(path(key), "probability must be between 0 and 1, got " + format(p));
            return false;
        });
    }

    Optional<Double> number(String key, boolean required) {
        if (!present(key, required)) return Optional.empty();
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            diagnostics.error(path(key), "expected a number, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asDouble());
    }

    /**
     * A duration at most {@code max}; {@code positive} rejects zero too. Negative durations are
     * always rejected.
     */
    Optional<Duration> duration(String key, boolean required, boolean positive, Duration max) {
        return duration(key, required, positive ? Duration.ofNanos(1) : Duration.ZERO, max);
    }

    /** A duration in [{@code min}, {@code max}]; a zero or negative one gets the short "> 0" / ">= 0" message. */
    Optional<Duration> duration(String key, boolean required, Duration min, Duration max) {
        return unit(key, required, "duration", Durations::parse).filter(d -> {
            boolean positive = min.compareTo(Duration.ZERO) > 0;
            if (d.isNegative() || (positive && d.isZero())) {
                diagnostics.error(path(key), "duration must be " + (positive ? "> 0" : ">= 0") + ", got " + quote(node.get(key)));
                return false;
            }
            return inRange(path(key), node.get(key), d, min, max, diagnostics);
        });
    }

    /** Reports a duration outside [min, max] with both limits in the words people write them. */
    static boolean inRange(String path, JsonNode v, Duration d, Duration min, Duration max, Diagnostics diagnostics) {
        if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) return true;
        boolean hasMin = min.compareTo(Duration.ofNanos(1)) > 0;
        String limit = d.compareTo(min) < 0 ? "at least " + Durations.format(min) : "at most " + Durations.format(max);
        diagnostics.error(path, "duration must be " + (hasMin ? "between " + Durations.format(min) + " and " + Durations.format(max) : limit)
                + ", got " + quote(v));
        return false;
    }

    Optional<ByteSize> size(String key, boolean required, ByteSize min, ByteSize max) {
        return unit(key, required, "size", ByteSize::parse).filter(s -> {
            if (s.bytes() >= min.bytes() && s.bytes() <= max.bytes()) return true;
            diagnostics.error(path(key), "size must be " + (min.bytes() > 0 ? "between " + min + " and " + max : "at most " + max)
                    + ", got " + quote(node.get(key)));
            return false;
        });
    }

    /** Rates are bounded by {@link Limits#MAX_RATE}. */
    Optional<Rate> rate(String key, boolean required) {
        return unit(key, required, "rate", Rate::parse).filter(r -> {
            if (r.perSecond() <= Limits.MAX_RATE.perSecond()) return true;
            diagnostics.error(path(key), "rate must be at most " + Limits.MAX_RATE + ", got " + quote(node.get(key)));
            return false;
        });
    }

    Optional<CpuCores> cpu(String key, boolean required) {
        return unit(key, required, "cpu", CpuCores::parse).filter(c -> {
            if (c.millicores() <= Limits.MAX_CPU.millicores()) return true;
            diagnostics.error(path(key), "cpu must be at most " + Limits.MAX_CPU + " cores, got " + quote(node.get(key)));
            return false;
        });
    }

    /** A distribution of durations, each parameter at most {@link Limits#MAX_STEP}. */
    Optional<Distribution> distribution(String key, boolean required) {
        if (!present(key, required)) return Optional.empty();
        return Distributions.read(node.get(key), path(key), diagnostics);
    }

    private <T> Optional<T> unit(String key, boolean required, String what, Function<String, T> parse) {
        if (!present(key, required)) return Optional.empty();
        return unitValue(node.get(key), path(key), diagnostics, what, parse);
    }

    /** Parses a scalar with units (250ms, 4KiB, 200/s) found at {@code path}. */
    static <T> Optional<T> unitValue(JsonNode v, String path, Diagnostics diagnostics, String what, Function<String, T> parse) {
        if (!v.isValueNode()) {
            diagnostics.error(path, "expected a " + what + ", got " + describe(v));
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(v.asText()));
        } catch (IllegalArgumentException e) {
            diagnostics.error(path, e.getMessage());
            return Optional.empty();
        }
    }

    /** A duration scalar at {@code path} in [0, {@code max}]. */
    static Optional<Duration> durationValue(JsonNode v, String path, Diagnostics diagnostics, Duration max) {
        return unitValue(v, path, diagnostics, "duration", Durations::parse).filter(d -> {
            if (d.isNegative()) {
                diagnostics.error(path, "duration must be >= 0, got " + quote(v));
                return false;
            }
            return inRange(path, v, d, Duration.ZERO, max, diagnostics);
        });
    }

    private boolean present(String key, boolean required) {
        if (has(key)) return true;
        if (required) diagnostics.error(path, "missing required key \"" + key + "\"");
        return false;
    }

    /** The mapping's entries as (key, value) in file order. */
    List<Map.Entry<String, JsonNode>> entries() {
        return node.properties().stream().toList();
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "nothing";
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return v.isEmpty() ? "an empty list" : "a list";
        if (v.isTextual()) return "\"" + v.asText() + "\"";
        return v.asText();
    }

    static String quote(JsonNode v) {
        return v.isTextual() ? "\"" + v.asText() + "\"" : v.asText();
    }

    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
