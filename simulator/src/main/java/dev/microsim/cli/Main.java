package dev.microsim.cli;

import picocli.CommandLine;

/**
 * Entry point. Exit codes: 0 success, 1 invalid input (scenario, dataset, predictions) or a
 * failed run, 2 usage errors (unknown flags, missing arguments).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(args.length > 0 && args[0].equals("serve") ? serveOnly(args) : run(args));
    }

    /**
     * A pod's start-up builds serve's own command only, not the whole tree of subcommands (and the
     * classes behind them): start-up is what a Deployment's rollout waits for (docs/performance.md).
     */
    static int serveOnly(String[] args) {
        return new CommandLine(new ServeCommand()).setCommandName("microsim serve").execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        // picocli's defaults already match our contract: 2 for usage errors, 1 for failures.
        return new CommandLine(new MicrosimCommand());
    }
}
