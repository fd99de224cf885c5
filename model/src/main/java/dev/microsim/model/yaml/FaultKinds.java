package dev.microsim.model.yaml;

import dev.microsim.model.scenario.FaultSpec;
import java.util.Set;

/**
 * What the parser needs to know of the fault catalogue: which kinds exist and how to check a
 * kind's parameters. The model does not depend on the catalogue (fault-injector implements this);
 * {@link #ANY} accepts everything, for tools that only read the mesh.
 */
public interface FaultKinds {
    Set<String> kinds();

    /** The parameter keys {@code kind} accepts (for unknown-key errors with suggestions). */
    Set<String> parameters(String kind);

    /**
     * Checks the values of a fault's parameters, reporting each problem on {@code diagnostics} at
     * {@code FieldPath.key(path, parameter)} with the value in the message.
     */
    void check(FaultSpec fault, String path, Diagnostics diagnostics);

    FaultKinds ANY = new FaultKinds() {
        public Set<String> kinds() {
            return Set.of();
        }

        public Set<String> parameters(String kind) {
            return Set.of();
        }

        public void check(FaultSpec fault, String path, Diagnostics diagnostics) {}
    };

    default boolean acceptsAny() {
        return kinds().isEmpty();
    }
}
