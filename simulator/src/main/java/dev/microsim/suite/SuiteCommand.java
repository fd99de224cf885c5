package dev.microsim.suite;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code microsim suite}: benchmark suites, many labeled cases from one file (docs/suites.md). */
@Command(name = "suite", mixinStandardHelpOptions = true,
        subcommands = {SuitePlanCommand.class, SuiteRunCommand.class, dev.microsim.report.suite.SuiteScoreCommand.class,
                dev.microsim.report.suite.SuiteExportCommand.class},
        description = {"Benchmark suites: scenarios x targets x fault kinds x intensities x seeds, one labeled case each.",
                "Exit codes: 0 ok, 1 invalid suite or failed cases, 2 usage error."})
public final class SuiteCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: plan, run, score or export");
    }
}
