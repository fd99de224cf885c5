package dev.microsim.kubernetes;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ScenarioParser;
import java.nio.file.Path;

/** Scenarios for the tests: the repository's examples, or inline YAML. */
public final class Scenarios {
    private Scenarios() {}

    /** A file under the repository's scenarios/ folder (tests run in the module directory). */
    public static Scenario example(String name) {
        return new ScenarioParser(FaultCatalog.standard()).parse(Path.of("..", "scenarios", name)).orThrow();
    }

    public static Scenario parse(String yaml) {
        return new ScenarioParser(FaultCatalog.standard()).parse(yaml, "test.yaml").orThrow();
    }
}
