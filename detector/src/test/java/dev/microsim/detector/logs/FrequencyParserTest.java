package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequencyParserTest {

    @Test
    void parametersVaryConstantsSplitAndTheTemplatesSayWhich() {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            messages.add("request GET /cart served in " + (10 + i) + " ms");
            messages.add("user u" + i + "x logged in from 10.0." + i + ".1");
            messages.add("VM " + (i % 2 == 0 ? "Paused" : "Resumed") + " (Lifecycle Event)");
            messages.add("Invalid user " + "name" + (char) ('a' + i) + " from host");
        }
        List<String> templates = new FrequencyParser().parse(messages);
        assertThat(templates.get(0)).isEqualTo("request GET /cart served in <*>"); // a number with its unit is one parameter
        assertThat(templates.get(1)).isEqualTo("user u<*>x logged in from <*>"); // digits are masked inside a word
        assertThat(templates.get(2)).isEqualTo("VM Paused (Lifecycle Event)");   // two values: constants
        assertThat(templates.get(6)).isEqualTo("VM Resumed (Lifecycle Event)");
        assertThat(templates.get(3)).isEqualTo("Invalid user <*> from host");    // twenty values: a parameter
        assertThat(templates.stream().distinct()).hasSize(5);
    }

    @Test
    void listsAndOptionalAnnotationsOfParametersDoNotSplitATemplate() {
        List<String> templates = new FrequencyParser().parse(List.of(
                "delete blk_1 blk_2 blk_3",
                "delete blk_9",
                "conn close, 0 bytes sent, lifetime 00:01",
                "conn close, 151 bytes (0.1 KB) sent, lifetime <1 sec"));
        assertThat(templates.get(0)).isEqualTo(templates.get(1));
        assertThat(templates.get(2)).isEqualTo(templates.get(3)).isEqualTo("conn close, <*> bytes sent, lifetime <*>");
    }

    @Test
    void refusesANonPositiveSetting() {
        assertThatThrownBy(() -> new FrequencyParser(0)).hasMessage("maxConstantValues: must be at least 1, was 0");
    }
}
