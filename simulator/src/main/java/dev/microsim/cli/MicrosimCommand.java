package dev.microsim.cli;

import picocli.CommandLine.Command;

/** The top-level {@code microsim} command; each capability is a subcommand. */
@Command(
        name = "microsim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Microservice simulator and fault-injection testbed: scenario YAML in, labeled telemetry out, detectors scored.",
        subcommands = {
            picocli.CommandLine.HelpCommand.class,
            ValidateCommand.class,
            GenerateCommand.class,
            dev.microsim.detector.cli.ScoreCommand.class,
            dev.microsim.detector.cli.ExportCommand.class,
            dev.microsim.detector.cli.DetectCommand.class,
            dev.microsim.detector.cli.RankCommand.class,
            dev.microsim.report.ReportCommand.class,
            dev.microsim.suite.SuiteCommand.class,
            RunCommand.class,
            RecoverCommand.class,
            dev.microsim.load.cli.LoadCommand.class,
            dev.microsim.kubernetes.cli.RenderCommand.class,
            dev.microsim.kubernetes.cli.DeployCommand.class,
            dev.microsim.kubernetes.cli.StatusCommand.class,
            dev.microsim.kubernetes.cli.TeardownCommand.class,
            ServeCommand.class,
            DriveCommand.class,
        })
public final class MicrosimCommand {}
