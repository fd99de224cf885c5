package dev.microsim.detector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Hosts the scoring subcommands so the detector module works without the simulator's CLI. */
@Command(name = "microsim-detector", mixinStandardHelpOptions = true,
        subcommands = {ScoreCommand.class, ExportCommand.class, DetectCommand.class, RankCommand.class},
        description = "Score detectors and root-cause rankers on MicroSim, NAB and RCAEval data.")
public final class DetectorMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Usage errors exit with 2 (picocli's default); a command's own bad-input errors return 1. */
    public static CommandLine commandLine() {
        return new CommandLine(new DetectorMain());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: score, export or detect");
    }
}
