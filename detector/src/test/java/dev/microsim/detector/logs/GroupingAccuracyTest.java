package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

    @Test
    void aMessageCountsOnlyWhenItsPredictedGroupIsExactlyItsTrueGroup() {
        // true groups {0,1,2} {3,4} {5}; predicted {0,1,2} {3} {4,5}: only the first group is right
        List<String> truth = List.of("A", "A", "A", "B", "B", "C");
        List<String> predicted = List.of("x", "x", "x", "y", "z", "z");
        assertThat(GroupingAccuracy.of(truth, predicted)).isEqualTo(3.0 / 6);
    }

    @Test
    void labelsDoNotMatterOnlyTheGrouping() {
        assertThat(GroupingAccuracy.of(List.of("A", "B", "A"), List.of("1", "2", "1"))).isEqualTo(1.0);
        assertThat(GroupingAccuracy.of(List.of("A", "B", "A"), List.of("1", "1", "1"))).isEqualTo(0.0);
    }

    @Test
    void refusesListsOfDifferentLengths() {
        assertThatThrownBy(() -> GroupingAccuracy.of(List.of("A"), List.of("1", "2")))
                .hasMessage("1 true groups for 2 predicted");
    }
}
