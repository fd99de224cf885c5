package dev.microsim.detector.cli;

import dev.microsim.detector.export.DatasetExporter;
import dev.microsim.detector.export.ExportFormat;
import dev.microsim.detector.io.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code export}: writes a dataset's series as NAB, RCAEval or long CSV, labels kept in separate files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a dataset's series for other tools: --format nab|rcaeval|csv.", "Exit codes: 0 ok, 1 bad input, 2 usage error."})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--format", required = true, description = "nab, rcaeval or csv")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Override
    public Integer call() throws IOException {
        ExportFormat chosen;
        try {
            chosen = ExportFormat.valueOf(format.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format: \"" + format + "\" is not one of nab, rcaeval, csv");
        }
        if (!data.given()) {
            throw new ParameterException(spec.commandLine(), "give --dataset DIR or --rcaeval CSV");
        }
        try {
            new DatasetExporter().export(data.read(), chosen, out);
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("exported " + chosen.name().toLowerCase() + " to " + out);
        return 0;
    }
}
