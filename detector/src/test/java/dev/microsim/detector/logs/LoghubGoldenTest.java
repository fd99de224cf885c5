package dev.microsim.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.logs.loghub.LoghubCorpus;
import dev.microsim.detector.logs.loghub.LoghubSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * loghub-2k, 16 systems x 2,000 labelled lines: our Drain with the reference settings reproduces
 * the grouping accuracy reference Drain publishes per system (issue goal: within 0.02; it is
 * exact), and MicroSim's best parser averages at least 0.95 with one setting for all systems.
 */
class LoghubGoldenTest {

    private static List<LoghubSystem> systems;

    @BeforeAll
    static void read() throws IOException {
        systems = LoghubCorpus.read(LoghubDataLocator.loghubDirectory());
    }

    @Test
    void everySystemIsThereWithTwoThousandLines() {
        assertThat(systems).hasSize(16);
        assertThat(systems).allSatisfy(s -> assertThat(s.messages()).hasSize(2000));
    }

    @Test
    void drainReproducesThePublishedAccuracyOfEverySystem() {
        List<String> off = new ArrayList<>();
        for (LoghubSystem system : systems) {
            LogParser drain = LogParser.online(() -> new Drain(
                    DrainSettings.of(system.depth(), system.similarityThreshold(), system.maskRegexes())));
            double accuracy = GroupingAccuracy.of(system.trueEventIds(), drain.parse(system.messages()));
            if (Math.abs(accuracy - system.publishedDrainAccuracy()) > 0.02) {
                off.add(system.name() + ": " + accuracy + " vs published " + system.publishedDrainAccuracy());
            }
        }
        assertThat(off).isEmpty();
    }

    @Test
    void frequencyParserAveragesAtLeast095WithOneSettingForAllSystems() {
        double sum = 0;
        double drainSum = 0;
        for (LoghubSystem system : systems) {
            sum += GroupingAccuracy.of(system.trueEventIds(), new FrequencyParser().parse(system.messages()));
            drainSum += system.publishedDrainAccuracy();
        }
        assertThat(sum / systems.size()).isGreaterThanOrEqualTo(0.95).isGreaterThan(drainSum / systems.size());
    }
}
