package dev.microsim.detector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.bench.NabBench;
import dev.microsim.detector.nab.NabDataLocatorAccess;
import dev.microsim.detector.nab.NabResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in detector on a few NAB files, recomputed on every CI run and compared with the scores
 * the benchmark recorded (src/test/resources/.../nab-subset-expected.json, written by
 * {@code NabBench --files ... --write-expected}); the full 58-file figure is the benchmark's.
 */
class NabBuiltInDetectorTest {

    @TempDir
    Path tmp;

    @Test
    void aFewNabFilesScoreWhatTheBenchmarkRecorded() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(getClass().getResource("nab-subset-expected.json"));
        List<String> files = List.of(expected.path("files").asText().split(","));
        Path nab = NabBench.subset(NabDataLocatorAccess.nabDirectory(), files, tmp.resolve("nab"));

        Map<String, NabResult> scores = NabBench.run(nab, tmp.resolve("results"));

        for (String profile : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
            assertThat(scores.get(profile).normalizedScore()).as(profile).isCloseTo(expected.path(profile).asDouble(), within(1e-6));
        }
        // and it does find anomalies: better than the null detector (0) on these files
        assertThat(scores.get("standard").normalizedScore()).isGreaterThan(10);
    }
}
