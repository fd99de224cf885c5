package dev.microsim.cli;

import dev.microsim.faults.schedule.Leftovers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code microsim recover --dataset DIR}: cleans up the faults a dead run left applied, from its ledger. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Recover faults a run left applied (it died or was killed), from DIR/faults.applied.json:",
            "marks their labels' actual end and empties the ledger. Exit 0 when clean, 1 when DIR has no ledger or the run is still alive."})
public final class RecoverCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "the dataset directory of the run")
    Path dataset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Leftovers.Report report = Leftovers.recover(dataset, Clock.systemUTC());
            out.println("microsim recover: " + dataset + ": " + report.message());
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("microsim recover: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
