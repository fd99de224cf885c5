package dev.microsim.cli;

import dev.microsim.model.yaml.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Checks scenario files and prints every problem, one per line, with file:line:column. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate scenario files: every problem at once, each with its field path, value and line:column.",
            "Exit code 0 when all files are valid (warnings allowed), 1 when any has an error, 2 on usage errors."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files.")
    List<Path> files;

    @Option(names = "--strict", description = "Treat warnings (e.g. unreachable services) as errors.")
    boolean strict;

    @Option(names = {"-q", "--quiet"}, description = "Print problems only, no per-file OK lines.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (Path file : files) {
            ParseResult result = Scenarios.parser().parse(file);
            result.lines().forEach(err::println);
            boolean bad = !result.ok() || (strict && !result.warnings().isEmpty());
            failed |= bad;
            if (!bad && !quiet) {
                var s = result.scenario().orElseThrow();
                out.printf("%s: OK (%s: %d services, %d load entries, %d faults%s)%n", file, s.name(), s.services().size(),
                        s.load().size(), s.faults().size(), result.warnings().isEmpty() ? "" : ", " + result.warnings().size() + " warning(s)");
            }
        }
        err.flush();
        out.flush();
        return failed ? 1 : 0;
    }
}
