package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void extractsTheContentAfterTheHeader() {
        LogFormat format = LogFormat.of("<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>");
        assertThat(format.content("2015-10-18 18:01:47,978 INFO [main] org.apache.App: Created MRAppMaster for app_1  "))
                .contains("Created MRAppMaster for app_1");
        assertThat(format.content("not a log line")).isEmpty();
        assertThat(format.fields()).containsExactly("Date", "Time", "Level", "Process", "Component", "Content");
    }

    @Test
    void namesWhatIsWrongWithAFormat() {
        assertThatThrownBy(() -> LogFormat.of("<Date> <Time>")).hasMessage("log format \"<Date> <Time>\" has no <Content> field");
        assertThatThrownBy(() -> LogFormat.of("<A> <A> <Content>")).hasMessage("log format \"<A> <A> <Content>\": field <A> appears twice");
    }
}
