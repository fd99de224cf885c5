package dev.microsim.suite;

import dev.microsim.cli.Scenarios;
import dev.microsim.faults.catalog.FaultCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code microsim suite plan SUITE}: checks a suite file and lists its cases, running nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Check a suite file (every problem at once, every case's scenario validated) and list its cases.",
                "Exit codes: 0 ok, 1 invalid suite, 2 usage error."})
public final class SuitePlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE", description = "the suite file (YAML, docs/suites.md)")
    Path suite;

    @Override
    public Integer call() {
        try {
            SuiteSpec spec = new SuiteReader(FaultCatalog.standard().kinds()).read(suite);
            List<SuiteCase> cases = SuitePlan.expand(spec, Scenarios.parser());
            for (SuiteCase c : cases) {
                this.spec.commandLine().getOut().println(c.id());
            }
            this.spec.commandLine().getOut().printf("%s: %d cases (%d scenarios, %d fault kinds, %d seeds), %s each, mode %s%n",
                    spec.name(), cases.size(), spec.scenarios().size(), spec.faults().size(), spec.seeds().size(),
                    dev.microsim.model.units.Durations.format(spec.duration()), spec.mode().name().toLowerCase());
            return 0;
        } catch (SuiteReader.InvalidSuiteException e) {
            e.problems().forEach(this.spec.commandLine().getErr()::println);
            return 1;
        }
    }
}
