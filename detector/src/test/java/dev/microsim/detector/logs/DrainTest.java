package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrainTest {

    private static Drain drain(double threshold, String... masks) {
        return new Drain(DrainSettings.of(4, threshold, List.of(masks)));
    }

    @Test
    void messagesOfOneTemplateShareAGroupAndTheTemplateGeneralises() {
        Drain drain = drain(0.5);
        int a = drain.add("request GET /cart served in 12 ms");
        int b = drain.add("request GET /cart served in 250 ms");
        int c = drain.add("request GET /cart served in 7 ms");
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(drain.template(a)).isEqualTo("request GET /cart served in <*> ms");
    }

    @Test
    void differentTokenCountsOrDissimilarMessagesStartNewGroups() {
        Drain drain = drain(0.5);
        int served = drain.add("request GET /cart served in 12 ms");
        int longer = drain.add("request GET /cart served in 12 ms today");
        int failed = drain.add("request POST /item failed with status 503 now");
        assertThat(longer).isNotEqualTo(served);
        assertThat(failed).isNotEqualTo(longer); // same length and first token, but 1 of 8 tokens equal < 0.5
        assertThat(drain.groups()).isEqualTo(3);
    }

    @Test
    void masksTurnParametersIntoWildcardsBeforeMatching() {
        Drain drain = drain(0.7, "(\\d+\\.){3}\\d+"); // a template's <*> is not an equal token: 3 of 4 here
        int a = drain.add("connect from 10.0.0.1 ok");
        int b = drain.add("connect from 192.168.1.20 ok");
        assertThat(a).isEqualTo(b);
        assertThat(drain.template(a)).isEqualTo("connect from <*> ok");
    }

    @Test
    void aFirstTokenWithDigitsRoutesThroughTheWildcardChild() {
        Drain drain = drain(0.5);
        int a = drain.add("user42 logged in now");
        int b = drain.add("user7 logged in now");
        assertThat(a).isEqualTo(b);
        assertThat(drain.template(a)).isEqualTo("<*> logged in now");
    }

    @Test
    void likeTheReferenceShortMessagesNeverJoinAGroupButEqualTemplatesGroupInTheOutput() {
        Drain drain = new Drain(DrainSettings.of(6, 0.1, List.of()));
        int a = drain.add("restarting");
        int b = drain.add("restarting");
        assertThat(a).isNotEqualTo(b);
        assertThat(drain.finalTemplates(new int[] {a, b})).containsExactly("restarting", "restarting");
    }

    @Test
    void settingsNameEveryBadParameter() {
        assertThatThrownBy(() -> new DrainSettings(2, 1.5, 1, LogMasker.none()))
                .hasMessage("depth: must be at least 3 (root, length layer, leaf), was 2; similarityThreshold: must be in [0, 1], was 1.5;"
                        + " maxChildren: must be at least 2, was 1");
        assertThatThrownBy(() -> DrainSettings.of(4, 0.5, List.of("ok", "(unclosed")))
                .hasMessageStartingWith("masks[1]: \"(unclosed\" is not a regex: ");
    }

    @Test
    void aFullNodeSendsNewTokensToTheWildcardChild() {
        Drain drain = new Drain(new DrainSettings(4, 0.5, 3, LogMasker.none()));
        int a = drain.add("alpha x y z");
        int b = drain.add("beta x y z"); // second child: now 2 children, 2 + 1 == max -> next new one is <*>
        int c = drain.add("gamma x y z");
        int d = drain.add("delta x y z");
        assertThat(a).isNotEqualTo(b);
        assertThat(c).isEqualTo(d); // both routed to <*>, where delta joins gamma's group
        assertThat(drain.template(c)).isEqualTo("<*> x y z");
    }
}
