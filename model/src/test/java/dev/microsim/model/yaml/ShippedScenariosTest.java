package dev.microsim.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.ProjectFiles;
import dev.microsim.model.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario under scenarios/ parses without an error or a warning. */
class ShippedScenariosTest {
    private final ScenarioParser parser = new ScenarioParser();

    static Stream<Path> scenarios() {
        return ProjectFiles.scenarioFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void parsesCleanly(Path file) {
        ParseResult result = parser.parse(file);
        assertThat(result.lines()).as(file.toString()).isEmpty();
        Scenario s = result.orThrow();
        assertThat(s.load()).as("every shipped scenario drives load").isNotEmpty();
        s.faults().forEach(f -> assertThat(f.end()).isLessThanOrEqualTo(s.duration()));
    }

    @Test
    void onlineBoutiqueIsTheElevenServiceDemoWithItsFaultAfterTheDetectorsLearningMinute() {
        Scenario s = parser.parse(ProjectFiles.root().resolve("scenarios/online-boutique.yaml")).orThrow();
        assertThat(s.services().keySet()).containsExactlyInAnyOrder("frontend", "productcatalog", "currency", "cart", "redis-cart",
                "recommendation", "shipping", "checkout", "payment", "email", "ad");
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.faults()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("latency");
            assertThat(f.target().service()).isEqualTo("productcatalog");
            // The detectors learn each series over its first minute (docs/detectors.md): the tour's fault
            // must come after it, with recovery time before the run ends.
            assertThat(f.at()).isGreaterThan(Duration.ofSeconds(60));
            assertThat(f.end()).isLessThan(s.duration());
        });
    }
}
