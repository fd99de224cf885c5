package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help a user reads: each command's one-line summary (what {@code microsim --help} lists) is a
 * whole sentence, every option says what it is, and no file name or flag is broken across lines
 * by the wrapping (picocli breaks long lines at dots: "faults." / "applied.json").
 */
class HelpTextTest {
    private static final Pattern FILE_LIKE = Pattern.compile("[A-Za-z0-9_{}<>-]+(?:[./][A-Za-z0-9_{}<>-]+)+");

    @Test
    void everySummaryIsASentenceAndEveryOptionIsDescribed() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : Main.commandLine().getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) continue;
            String[] description = sub.getValue().getCommandSpec().usageMessage().description();
            String summary = description.length == 0 ? "" : description[0].strip();
            if (!summary.endsWith(".")) problems.add(sub.getKey() + ": summary does not end a sentence: \"" + summary + "\"");
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                if (option.description().length == 0 || option.description()[0].isBlank()) {
                    problems.add(sub.getKey() + " " + option.longestName() + ": no description");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noFileNameIsBrokenByTheWrapping() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : Main.commandLine().getSubcommands().entrySet()) {
            CommandLine cl = sub.getValue();
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> texts = new ArrayList<>(List.of(cl.getCommandSpec().usageMessage().description()));
            cl.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
            for (String text : texts) {
                Matcher m = FILE_LIKE.matcher(text);
                while (m.find()) {
                    if (!help.contains(m.group())) problems.add(sub.getKey() + ": \"" + m.group() + "\" is split in --help");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
