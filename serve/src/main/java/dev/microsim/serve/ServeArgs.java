package dev.microsim.serve;

import dev.microsim.cli.ServeCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine;

/**
 * The pod's flags, exactly {@code microsim serve}'s (the same picocli command and checks, with the
 * same environment defaults the rendered Deployment sets): from {@link ServeMain}'s command line, or
 * else from the Quarkus configuration key {@value #CONFIG} (a comma-separated list; a ConfigMap's
 * application.properties, {@code MICROSIM_SERVE_ARGS}, or a test profile).
 */
final class ServeArgs {
    static final String CONFIG = "microsim.serve.args";
    private static volatile List<String> handedOver;

    /** The flags checked: the plan, or every problem at once. */
    record Checked(ServeCommand.Plan plan, List<String> problems, boolean helpShown) {}

    private ServeArgs() {}

    static void handOver(List<String> flags) {
        handedOver = List.copyOf(flags);
    }

    /** The flags this Quarkus application runs with. */
    static List<String> current() {
        if (handedOver != null) return handedOver;
        Optional<List<String>> configured = ConfigProvider.getConfig().getOptionalValues(CONFIG, String.class);
        return configured.orElseThrow(() -> new IllegalStateException(
                "no serve flags: run it as `serve --scenario FILE --service NAME ...`, or set " + CONFIG));
    }

    static Checked check(List<String> flags) {
        ServeCommand command = new ServeCommand();
        CommandLine cli = new CommandLine(command);
        List<String> problems = new ArrayList<>();
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(flags.toArray(String[]::new));
            if (CommandLine.printHelpIfRequested(parsed)) return new Checked(null, List.of(), true);
        } catch (CommandLine.ParameterException e) {
            problems.add(e.getMessage());
            return new Checked(null, problems, false);
        }
        ServeCommand.Plan plan = command.plan(problems);
        return new Checked(problems.isEmpty() ? plan : null, problems, false);
    }
}
