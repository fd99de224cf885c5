package dev.microsim.detector.detect;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One kind of detector: its name, what it does, its parameters, and how to build one from validated
 * parameters. {@code D} is {@link Detector} for a univariate kind, {@link ServiceDetector} for a
 * multivariate one.
 */
public record DetectorKind<D>(String name, String summary, List<ParamSpec> specs, Function<Params, D> factory) {

    public DetectorKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        specs = List.copyOf(specs);
        Objects.requireNonNull(factory, "factory");
    }

    public D withDefaults() {
        return factory.apply(Params.defaults(name, specs));
    }

    /** Validated: an unknown parameter or a value out of range fails with every problem named. */
    public D create(Map<String, Double> params) {
        return factory.apply(Params.of(name, specs, params));
    }
}
