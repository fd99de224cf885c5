package dev.microsim.detector.detect;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** One kind of univariate detector: its name, what it does, its parameters, and how to build one. */
public record DetectorKind(String name, String summary, List<ParamSpec> specs, Function<Params, Detector> factory) {

    public DetectorKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        specs = List.copyOf(specs);
        Objects.requireNonNull(factory, "factory");
    }

    public Detector withDefaults() {
        return factory.apply(Params.defaults(name, specs));
    }

    /** Validated: an unknown parameter or a value out of range fails with every problem named. */
    public Detector create(Map<String, Double> params) {
        return factory.apply(Params.of(name, specs, params));
    }
}
