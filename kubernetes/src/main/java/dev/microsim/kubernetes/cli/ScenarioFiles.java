package dev.microsim.kubernetes.cli;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a scenario for the Kubernetes commands the way every command does: all problems printed, with positions. */
final class ScenarioFiles {
    private ScenarioFiles() {}

    /** The scenario, or empty after printing every problem to {@code err}. */
    static Optional<Scenario> read(Path file, PrintWriter err) {
        ParseResult parsed = new ScenarioParser(FaultCatalog.standard()).parse(file);
        if (!parsed.ok()) {
            parsed.lines().forEach(err::println);
            err.flush();
            return Optional.empty();
        }
        return parsed.scenario();
    }
}
