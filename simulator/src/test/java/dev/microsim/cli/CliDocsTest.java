package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The CLI is a public interface: docs/cli.md must name every subcommand and every option. */
class CliDocsTest {
    @Test
    void everySubcommandAndOptionIsDocumented() throws Exception {
        String doc = Files.readString(projectRoot().resolve("docs/cli.md"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : Main.commandLine().getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) continue;
            if (!doc.contains("## microsim " + sub.getKey())) missing.add("section \"## microsim " + sub.getKey() + "\"");
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) continue;
                if (!doc.contains("`" + option.longestName())) missing.add(sub.getKey() + " " + option.longestName());
            }
        }
        assertThat(missing).as("missing from docs/cli.md").isEmpty();
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/cli.md")) && Files.exists(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no docs/cli.md above " + Path.of("").toAbsolutePath());
    }
}
