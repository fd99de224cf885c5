package dev.microsim.detector.cli;

import dev.microsim.detector.export.DatasetExporter;
import dev.microsim.detector.export.ExportFormat;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputFiles;
import dev.microsim.detector.io.OutputFiles;
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created; refused if it holds files of an earlier export unless --force)")
    Path out;

    @Option(names = "--force", description = "overwrite the files of an earlier export in --out")
    boolean force;

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
            // Checked before reading: a dataset is not read only to find it cannot be written out.
            OutputFiles.checkDirectoryFor(out, "--out", DatasetExporter.filesWritten(chosen), force);
            new DatasetExporter().export(data.read(), chosen, out);
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("export: cannot write " + out + ": " + InputFiles.describe(e));
            return 1;
        }
        spec.commandLine().getOut().println("exported " + chosen.name().toLowerCase() + " to " + out);
        return 0;
    }
}
