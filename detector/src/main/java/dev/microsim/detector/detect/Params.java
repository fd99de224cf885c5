package dev.microsim.detector.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector's parameter values, checked against its {@link ParamSpec}s: every problem is reported
 * at once, each with the detector, the parameter, the value and the allowed range, e.g.
 * {@code ewma: alpha = 1.5 is outside the allowed range (0, 1]}. Parameters not given take their
 * defaults; an unknown name is an error (a misspelt parameter must not pass silently).
 */
public final class Params {

    private final String detector;
    private final List<ParamSpec> specs;
    private final Map<String, Double> values;

    private Params(String detector, List<ParamSpec> specs, Map<String, Double> values) {
        this.detector = detector;
        this.specs = specs;
        this.values = values;
    }

    public static Params of(String detector, List<ParamSpec> specs, Map<String, Double> given) {
        List<String> problems = new ArrayList<>();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                problems.add(detector + ": unknown parameter \"" + name + "\" (known: "
                        + String.join(", ", specs.stream().map(ParamSpec::name).toList()) + ")");
            }
        }
        for (ParamSpec spec : specs) {
            Double value = given.get(spec.name());
            double v = value == null ? spec.defaultValue() : value;
            String problem = spec.problem(v);
            if (problem != null) {
                problems.add(detector + ": " + spec.name() + " = " + ParamSpec.format(v) + " " + problem);
            }
            values.put(spec.name(), v);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new Params(detector, List.copyOf(specs), Collections.unmodifiableMap(values));
    }

    public static Params defaults(String detector, List<ParamSpec> specs) {
        return of(detector, specs, Map.of());
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(detector + ": no parameter \"" + name + "\"");
        }
        return v;
    }

    public int getInt(String name) {
        return (int) Math.round(get(name));
    }

    /** A copy with one value changed (validated). */
    public Params with(String name, double value) {
        Map<String, Double> changed = new LinkedHashMap<>(values);
        changed.put(name, value);
        return of(detector, specs, changed);
    }

    public Params withAll(Map<String, Double> changes) {
        Map<String, Double> changed = new LinkedHashMap<>(values);
        changed.putAll(changes);
        return of(detector, specs, changed);
    }

    public String detector() {
        return detector;
    }

    public List<ParamSpec> specs() {
        return specs;
    }

    public Map<String, Double> values() {
        return values;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(ParamSpec.format(v)));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.detector.equals(detector) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return detector.hashCode() * 31 + values.hashCode();
    }
}
