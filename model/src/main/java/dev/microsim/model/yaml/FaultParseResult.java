package dev.microsim.model.yaml;

import dev.microsim.model.scenario.FaultSpec;
import java.util.List;
import java.util.Optional;

/** A hand-written fault's parse: the spec when there is no error, and every diagnostic. */
public record FaultParseResult(String source, Optional<FaultSpec> fault, List<Diagnostic> diagnostics) {
    public FaultParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic as {@code SOURCE:LINE:COL: error: PATH: MESSAGE}. */
    public List<String> lines() {
        return diagnostics.stream().map(x -> x.format(source)).toList();
    }
}
