package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI is a public interface: docs/cli.md must name every subcommand, nested ones included
 * ({@code microsim suite run}), and document every option inside its own command's section, so an option
 * mentioned only under another command does not count.
 */
class CliDocsTest {
    @Test
    void everySubcommandAndOptionIsDocumentedInItsOwnSection() throws Exception {
        String doc = Files.readString(projectRoot().resolve("docs/cli.md"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> top : Main.commandLine().getSubcommands().entrySet()) {
            if (top.getKey().equals("help")) continue;
            String heading = "## microsim " + top.getKey();
            String section = section(doc, heading);
            if (section == null) {
                missing.add("section \"" + heading + "\"");
                continue;
            }
            check(top.getKey(), top.getValue(), section, missing);
        }
        assertThat(missing).as("missing from docs/cli.md").isEmpty();
    }

    private static void check(String path, CommandLine command, String section, List<String> missing) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) continue;
            if (!mentions(section, option.longestName())) missing.add(path + " " + option.longestName());
        }
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) continue;
            String name = path + " " + sub.getKey();
            if (!section.contains("microsim " + name)) missing.add("\"microsim " + name + "\" in its parent's section");
            check(name, sub.getValue(), section, missing);
        }
    }

    /** The option by its whole name: {@code --image} is not documented by {@code --image-pull-policy}. */
    private static boolean mentions(String section, String option) {
        return Pattern.compile(Pattern.quote(option) + "(?![A-Za-z0-9-])").matcher(section).find();
    }

    /** The text from the heading line to the next second-level heading, or null if the heading is absent. */
    private static String section(String doc, String heading) {
        int at = -1;
        for (int from = 0; (from = doc.indexOf(heading, from)) >= 0; from += heading.length()) {
            int end = from + heading.length();
            boolean lineStart = from == 0 || doc.charAt(from - 1) == '\n';
            boolean wholeName = end == doc.length() || doc.charAt(end) == '\n' || doc.charAt(end) == ' ';
            if (lineStart && wholeName) {
                at = from;
                break;
            }
        }
        if (at < 0) return null;
        int next = doc.indexOf("\n## ", at + heading.length());
        return next < 0 ? doc.substring(at) : doc.substring(at, next);
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/cli.md")) && Files.exists(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no docs/cli.md above " + Path.of("").toAbsolutePath());
    }
}
