package dev.microsim.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NAB scoring must never change its procedure silently: a missing official threshold is marked
 * where the score is read, a given --threshold is used (not ignored), and a misspelt detector is
 * one line naming the detectors that exist. A two-file NAB layout written here keeps it fast.
 */
class NabInputsTest extends DetectorCli {

    @TempDir
    Path nab;

    @BeforeEach
    void writeNab() throws Exception {
        Files.createDirectories(nab.resolve("labels"));
        Files.writeString(nab.resolve("labels/combined_windows.json"), """
                {"cat/a.csv": [["2020-01-01 00:10:00.000000", "2020-01-01 00:15:00.000000"]],
                 "cat/b.csv": [["2020-01-01 00:20:00.000000", "2020-01-01 00:25:00.000000"]]}
                """);
        Files.createDirectories(nab.resolve("config"));
        Files.writeString(nab.resolve("config/thresholds.json"), """
                {"listed": {"standard": {"threshold": 0.5}, "reward_low_FP_rate": {"threshold": 0.5}, "reward_low_FN_rate": {"threshold": 0.5}}}
                """);
        for (String detector : new String[] {"listed", "mine"}) {
            Path dir = Files.createDirectories(nab.resolve("results").resolve(detector).resolve("cat"));
            for (String file : new String[] {"a", "b"}) {
                StringBuilder csv = new StringBuilder("timestamp,value,anomaly_score\n");
                int alarmAt = file.equals("a") ? 11 : 21;
                for (int minute = 0; minute < 30; minute++) {
                    csv.append(String.format("2020-01-01 00:%02d:00,1,%s%n", minute, minute == alarmAt ? "0.9" : "0.1"));
                }
                Files.writeString(dir.resolve(detector + "_" + file + ".csv"), csv);
            }
        }
    }

    @Test
    void aDetectorMissingFromThresholdsJsonIsScoredWithAMarkedOptimisedThreshold() throws Exception {
        Path json = nab.resolve("score.json");
        assertThat(run("score", "--nab", nab.toString(), "--detector", "mine,listed", "--out", json.toString())).as(err.toString()).isZero();
        JsonNode score = new ObjectMapper().readTree(json.toFile());
        assertThat(score.path("mine").path("standard").path("thresholdSource").asText()).isEqualTo("optimized");
        assertThat(score.path("listed").path("standard").path("thresholdSource").asText()).isEqualTo("official");
        assertThat(out.toString()).contains("note: config/thresholds.json has no threshold for mine / standard; optimised over the corpus instead");
        assertThat(out.toString()).doesNotContain("no threshold for listed");
    }

    @Test
    void aGivenThresholdIsUsedInNabModeAndMarked() throws Exception {
        Path json = nab.resolve("score.json");
        assertThat(run("score", "--nab", nab.toString(), "--detector", "listed", "--threshold", "0.95", "--out", json.toString()))
                .as(err.toString()).isZero();
        JsonNode standard = new ObjectMapper().readTree(json.toFile()).path("listed").path("standard");
        assertThat(standard.path("threshold").asDouble()).isEqualTo(0.95);
        assertThat(standard.path("thresholdSource").asText()).isEqualTo("given");
        // 0.95 is above every score: no alarm, the null detector's score of 0.
        assertThat(standard.path("score").asDouble()).isZero();
        assertThat(run("score", "--nab", nab.toString(), "--threshold", "0.5", "--optimize")).isEqualTo(2);
        assertThat(err.toString()).contains("--threshold and --optimize exclude each other");
    }

    @Test
    void aMisspeltDetectorIsOneLineNamingTheDetectorsThatExist() {
        assertThat(run("score", "--nab", nab.toString(), "--detector", "mien")).isEqualTo(1);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .isEqualTo(nab.resolve("results/mien") + ": not found: no results for detector \"mien\" (did you mean \"mine\"?); detectors in "
                        + nab.resolve("results") + ": listed, mine");
    }
}
