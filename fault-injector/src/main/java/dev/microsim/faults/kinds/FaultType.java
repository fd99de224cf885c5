package dev.microsim.faults.kinds;

import dev.microsim.faults.catalog.Params;
import dev.microsim.model.scenario.FaultTarget;
import java.util.List;

/**
 * A catalogue entry: the kind's name as written in YAML, a one-line summary, the parameter keys it
 * accepts, whether a ramp makes sense for it, and the parser that validates parameters (recording
 * problems on {@link Params}) into a {@link Fault} value.
 */
public record FaultType(String name, String summary, List<String> parameters, boolean rampable, Parser parser) {
    @FunctionalInterface
    public interface Parser {
        /** The fault, or null when {@code params} recorded a problem. */
        Fault parse(Params params, FaultTarget target);
    }

    public FaultType {
        if (name == null || !name.matches("[a-z][a-z-]*")) throw new IllegalArgumentException("kind name must be kebab-case, got " + name);
        parameters = List.copyOf(parameters);
    }
}
