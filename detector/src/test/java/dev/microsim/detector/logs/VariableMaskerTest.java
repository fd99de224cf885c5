package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.logs.loghub.LoghubCorpus;
import dev.microsim.detector.logs.loghub.LoghubSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written masker gives exactly the tokens of its regex specification, {@link RegexVariableMasker}. */
class VariableMaskerTest {

    @Test
    void everyLoghubLineGivesTheRegexSpecificationsTokens() throws IOException {
        List<String> differ = new ArrayList<>();
        int lines = 0;
        for (LoghubSystem system : LoghubCorpus.read(LoghubDataLocator.loghubDirectory())) {
            VariableMasker fast = new VariableMasker();
            RegexVariableMasker spec = new RegexVariableMasker();
            for (String message : system.messages()) {
                lines++;
                if (!List.of(fast.tokens(message)).equals(List.of(spec.tokens(message))) && differ.size() < 10) {
                    differ.add(system.name() + ": " + message);
                }
            }
        }
        assertThat(lines).isEqualTo(32_000);
        assertThat(differ).isEmpty();
    }

    @Test
    void randomTextFullOfNearMissesGivesTheRegexSpecificationsTokens() {
        // pieces chosen to sit on every edge of the masks: signs, hex letters, dots, slashes, wildcards, units, brackets
        String[] pieces = {"0", "7", "42", "0x", "0X1f", "a", "f", "E", "g", "z", "_", "-", "+", ".", "..", ":", "/", "//",
            "://", "http", "@", "%", "*", ",", "<", ">", "~", "<*>", "(", ")", "()", " ", "  ", "\t", "KB", "MiB", "B", "ms",
            "sec", "secs", "s", "min", "mins", "T", "Mon Jan 2 03:04:05 2005", "Tue", "deadbeef", "12345678", "ab-12", "é", "1.2.3"};
        SplittableRandom random = new SplittableRandom(12);
        VariableMasker fast = new VariableMasker();
        RegexVariableMasker spec = new RegexVariableMasker();
        List<String> differ = new ArrayList<>();
        for (int n = 0; n < 10_000; n++) {
            StringBuilder message = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int p = 0; p < length; p++) {
                message.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = message.toString();
            if (!List.of(fast.tokens(text)).equals(List.of(spec.tokens(text))) && differ.size() < 10) {
                differ.add("\"" + text + "\": " + List.of(fast.tokens(text)) + " vs " + List.of(spec.tokens(text)));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void theMasksSayWhatTheyMask() {
        VariableMasker masker = new VariableMasker();
        assertThat(masker.tokens("fetch http://a.b/c?d=1 from /var/log/x.log at Mon Jan 2 03:04:05 2005"))
                .containsExactly("fetch", "<*>", "from", "<*>", "at", "<*>");
        assertThat(masker.tokens("id 0x1F uuid 1b4e28ba-2fa1-11d2-883f-0016d3cca427 blk_-12 blk_-13 took 151 KB (<1 sec)"))
                .containsExactly("id", "<*>", "uuid", "<*>", "blk_<*>", "took", "<*>");
        assertThat(masker.tokens("host a.b.c port 10.0.0.1:8080 ()")).containsExactly("host", "<*>", "port", "<*>");
    }
}
