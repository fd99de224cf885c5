package dev.microsim.detector.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The detector CLI run in-process, as a user would run it: the exit code is returned and what it
 * printed to stdout and stderr is kept in {@link #out} and {@link #err} for the assertions.
 */
abstract class DetectorCli {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    protected int run(String... args) {
        CommandLine cli = DetectorMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
