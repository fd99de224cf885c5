package dev.microsim.cli;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.yaml.FaultKinds;
import dev.microsim.model.yaml.ScenarioParser;

/** The one place the CLI builds its scenario parser, so every command validates faults the same way. */
public final class Scenarios {
    private Scenarios() {}

    public static ScenarioParser parser() {
        return new ScenarioParser(faultKinds());
    }

    /** The fault catalogue the parser checks kinds and parameters against. */
    static FaultKinds faultKinds() {
        return FaultCatalog.standard();
    }
}
