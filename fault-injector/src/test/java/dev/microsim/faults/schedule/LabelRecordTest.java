package dev.microsim.faults.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.scenario.FaultTarget;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelRecordTest {
    @Test
    void parametersKeepTheScenariosOrder() {
        // labels.json writes them in this order: Map.copyOf's would change from JVM to JVM (fast mode is byte-identical per seed).
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) parameters.put("p" + i, i);
        LabelRecord l = new LabelRecord("f", "latency", "d", "schedule", FaultTarget.service("db"), parameters, Instant.EPOCH, Instant.EPOCH,
                Optional.empty(), Optional.empty(), List.of("db"), List.of("db"));
        assertThat(List.copyOf(l.parameters().keySet())).isEqualTo(List.copyOf(parameters.keySet()));
    }
}
