package dev.microsim.detector.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Re-scores the official per-file results of three NAB detectors and compares with what NAB
 * published (results/final_results.json and the per-file score tables).
 */
class NabGoldenTest {

    private static Path nab;
    private static NabDirectory directory;
    private static JsonNode published;
    private static final Map<String, NabCorpus> corpora = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        nab = NabDataLocator.nabDirectory();
        directory = NabDirectory.open(nab);
        published = new ObjectMapper().readTree(nab.resolve("results/final_results.json").toFile());
        for (String detector : List.of("numenta", "windowedGaussian", "null")) {
            corpora.put(detector, directory.readResults(nab.resolve("results"), detector));
        }
    }

    static List<Arguments> detectorsAndProfiles() {
        return List.of("numenta", "windowedGaussian", "null").stream()
                .flatMap(d -> NabProfile.official().stream().map(p -> Arguments.of(d, p)))
                .toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void officialThresholdReproducesPublishedScore(String detector, NabProfile profile) throws Exception {
        double threshold = directory.officialThreshold(detector, profile.name()).orElseThrow();
        NabResult result = new NabBenchmark(profile).score(corpora.get(detector), threshold);

        double expected = published.path(detector).path(profile.name()).asDouble(Double.NaN);
        assertThat(result.normalizedScore()).isCloseTo(expected, within(0.01));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void everyFileMatchesNabsPerFileScoreTable(String detector, NabProfile profile) throws Exception {
        double threshold = directory.officialThreshold(detector, profile.name()).orElseThrow();
        NabResult result = new NabBenchmark(profile).score(corpora.get(detector), threshold);
        Map<String, CSVRecord> table = publishedTable(detector, profile);

        assertThat(result.files()).hasSize(58);
        for (NabResult.FileScore file : result.files()) {
            CSVRecord row = table.get(file.file());
            assertThat(row).as(file.file()).isNotNull();
            assertThat(file.score().score()).as(file.file()).isCloseTo(Double.parseDouble(row.get("Score")), within(1e-6));
            assertThat(file.score().tp()).as(file.file() + " TP").isEqualTo(Long.parseLong(row.get("TP")));
            assertThat(file.score().fp()).as(file.file() + " FP").isEqualTo(Long.parseLong(row.get("FP")));
            assertThat(file.score().fn()).as(file.file() + " FN").isEqualTo(Long.parseLong(row.get("FN")));
            assertThat(file.score().tn()).as(file.file() + " TN").isEqualTo(Long.parseLong(row.get("TN")));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void optimisedThresholdScoresAtLeastThePublishedScore(String detector, NabProfile profile) {
        NabBenchmark benchmark = new NabBenchmark(profile);
        ThresholdScore best = benchmark.optimizeThreshold(corpora.get(detector));
        NabResult result = benchmark.score(corpora.get(detector), best.threshold());

        // The sweep sees every distinct score, NAB's published thresholds came from a hill climber:
        // the sweep can only match or beat them, and the two ways of scoring must agree.
        double expected = published.path(detector).path(profile.name()).asDouble(Double.NaN);
        assertThat(result.rawScore()).isCloseTo(best.score(), within(1e-6));
        assertThat(result.normalizedScore()).isGreaterThanOrEqualTo(expected - 0.01);
        System.out.printf("optimised %s %s threshold=%s normalized=%.4f published=%.4f%n",
                detector, profile.name(), best.threshold(), result.normalizedScore(), expected);
    }

    private static Map<String, CSVRecord> publishedTable(String detector, NabProfile profile) throws Exception {
        Path file = nab.resolve("results").resolve(detector).resolve(detector + "_" + profile.name() + "_scores.csv");
        Map<String, CSVRecord> rows = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                rows.put(row.get("File"), row);
            }
        }
        return rows;
    }
}
