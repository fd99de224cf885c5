package dev.microsim.model.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Limits;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads a distribution: a scalar duration (constant) or a one-key mapping naming the family. */
final class Distributions {
    static final Set<String> FAMILIES = Set.of("constant", "uniform", "normal", "lognormal", "exponential");

    private Distributions() {}

    static Optional<Distribution> read(JsonNode node, String path, Diagnostics d) {
        if (node.isValueNode()) {
            return Fields.durationValue(node, path, d, Limits.MAX_STEP).map(Distribution.Constant::new);
        }
        if (!node.isObject() || node.size() != 1) {
            d.error(path, "expected a duration like 2ms or one of {constant: ...}, {uniform: {min, max}}, {normal: {mean, stddev}}, "
                    + "{lognormal: {median, p99}}, {exponential: {mean}}, got " + Fields.describe(node));
            return Optional.empty();
        }
        String family = node.fieldNames().next();
        String fpath = FieldPath.key(path, family);
        JsonNode body = node.get(family);
        if (!FAMILIES.contains(family)) {
            d.keyError(fpath, "unknown distribution \"" + family + "\"" + Suggestions.didYouMean(family, FAMILIES)
                    + "; allowed: constant, exponential, lognormal, normal, uniform");
            return Optional.empty();
        }
        if (family.equals("constant")) {
            return Fields.durationValue(body, fpath, d, Limits.MAX_STEP).map(Distribution.Constant::new);
        }
        if (family.equals("exponential") && body.isValueNode()) {
            return Fields.durationValue(body, fpath, d, Limits.MAX_STEP).map(Distribution.Exponential::new);
        }
        Optional<Fields> fields = Fields.of(body, fpath, d, family + " parameters");
        if (fields.isEmpty()) return Optional.empty();
        Fields f = fields.get();
        return switch (family) {
            case "uniform" -> two(f, "min", "max", (a, b) -> new Distribution.Uniform(a, b));
            case "normal" -> two(f, "mean", "stddev", (a, b) -> new Distribution.Normal(a, b));
            case "lognormal" -> two(f, "median", "p99", (a, b) -> new Distribution.LogNormal(a, b));
            default -> {
                f.allowOnly(Set.of("mean"));
                yield f.duration("mean", true, false, Limits.MAX_STEP).map(Distribution.Exponential::new);
            }
        };
    }

    private static Optional<Distribution> two(Fields f, String a, String b, java.util.function.BiFunction<Duration, Duration, Distribution> make) {
        f.allowOnly(Set.of(a, b));
        Optional<Duration> x = f.duration(a, true, false, Limits.MAX_STEP);
        Optional<Duration> y = f.duration(b, true, false, Limits.MAX_STEP);
        if (x.isEmpty() || y.isEmpty()) return Optional.empty();
        try {
            return Optional.of(make.apply(x.get(), y.get()));
        } catch (IllegalArgumentException e) {
            f.diagnostics().error(f.path(), e.getMessage());
            return Optional.empty();
        }
    }
}
