package dev.microsim.report.suite;

import dev.microsim.detector.io.InputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code microsim suite export DIR --format rcaeval|nab --out OUT}: a finished suite for RCAEval- or NAB-style tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the finished cases of a suite run as an RCAEval-style case tree or a NAB-style corpus.",
                "Exit codes: 0 ok, 1 bad input, 2 usage error."})
public final class SuiteExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the output directory of microsim suite run")
    Path dir;

    @Option(names = "--format", required = true, description = "rcaeval or nab")
    String format;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "where to write the tree or corpus")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("rcaeval") && !format.equals("nab")) {
            throw new ParameterException(spec.commandLine(), "--format: \"" + format + "\" is not rcaeval or nab");
        }
        try {
            SuiteDirectory suite = SuiteDirectory.read(dir);
            SuiteExporter exporter = new SuiteExporter();
            int n = format.equals("rcaeval") ? exporter.exportRcaEval(suite, out) : exporter.exportNab(suite, out);
            spec.commandLine().getOut().println("exported " + n + (format.equals("rcaeval") ? " cases" : " series files") + " to " + out
                    + (suite.unfinished().isEmpty() ? "" : " (" + suite.unfinished().size() + " unfinished cases left out)"));
            return 0;
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
