package dev.microsim.detector.rank;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IncidentWindowTest {

    @Test
    void refusesAnIncidentWithNoNormalPeriodBeforeIt() {
        assertThatThrownBy(() -> new IncidentWindow(0, 1, 10))
                .hasMessage("no normal period before the incident: the baseline [0, 1) has fewer than 2 bins");
        assertThatThrownBy(() -> new IncidentWindow(0, 10, 5)).hasMessage("incident end 5 is before its onset 10");
    }
}
