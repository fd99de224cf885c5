package dev.microsim.model.yaml;

import dev.microsim.model.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/** A parse's outcome: the scenario when there is no error, and every diagnostic (warnings too). */
public record ParseResult(String file, Optional<Scenario> scenario, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return scenario.isPresent() && errors().isEmpty();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(x -> !x.isError()).toList();
    }

    /** Every diagnostic as {@code FILE:LINE:COL: error: PATH: MESSAGE}, in file order. */
    public List<String> lines() {
        return diagnostics.stream().map(x -> x.format(file)).toList();
    }

    /** The scenario, or an exception listing every error. */
    public Scenario orThrow() {
        if (ok()) return scenario.get();
        throw new InvalidScenarioException(this);
    }
}
