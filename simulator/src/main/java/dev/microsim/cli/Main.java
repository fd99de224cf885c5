package dev.microsim.cli;

import picocli.CommandLine;

/**
 * Entry point. Exit codes: 0 success, 1 invalid input (scenario, dataset, predictions) or a
 * failed run, 2 usage errors (unknown flags, missing arguments).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        // picocli's defaults already match our contract: 2 for usage errors, 1 for failures.
        return new CommandLine(new MicrosimCommand());
    }
}
