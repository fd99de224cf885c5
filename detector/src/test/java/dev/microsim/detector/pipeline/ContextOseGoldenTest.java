package dev.microsim.detector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabDataLocatorAccess;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.nab.NabSeries;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CAD OSE port against NAB's published CAD OSE results: raw scores point by point on one file,
 * and the per-file NAB score table (score, TP, TN, FP, FN at NAB's threshold for CAD OSE,
 * config/thresholds.json) on twelve
 * short files. The whole corpus (69.90 / 66.98 / 73.18, as published) takes minutes, so it is
 * {@code ContextOseBench}'s, not CI's. This is the reference set-up, which takes the value range from
 * the whole file as NAB's runner hands it to every detector; the stream set-ups are tested in
 * {@code NabContextOseTest}.
 */
class ContextOseGoldenTest {

    private static Map<String, NabSeries> series;
    private static double threshold;

    @BeforeAll
    static void load() throws Exception {
        series = new LinkedHashMap<>();
        NabDirectory nab = NabDirectory.open(NabDataLocatorAccess.nabDirectory());
        threshold = nab.officialThreshold("contextOSE", NabProfile.STANDARD.name()).orElseThrow();
        for (NabSeries s : nab.readSeries()) {
            series.put(s.name(), s);
        }
    }

    @Test
    void rawScoresMatchThePublishedOnesPointByPoint() throws Exception {
        NabSeries speed = series.get("realTraffic/speed_7578.csv");
        double[] scores = NabContextOse.reference().score(speed.values());

        List<CSVRecord> published = read("contextOSE_speed_7578_points.csv");
        assertThat(published).hasSize(24);
        for (CSVRecord row : published) {
            int index = speed.timestamps().indexOf(row.get("timestamp"));
            assertThat(index).as(row.get("timestamp")).isNotNegative();
            assertThat(scores[index]).as(row.get("timestamp")).isCloseTo(Double.parseDouble(row.get("anomaly_score")), within(1e-11));
        }
    }

    @Test
    void perFileNabScoresMatchThePublishedTable() throws Exception {
        List<CSVRecord> table = read("contextOSE_standard_scores.csv");
        List<NabSeries> files = table.stream().map(r -> series.get(r.get("File"))).toList();
        NabContextOse cad = NabContextOse.reference();
        NabCorpus corpus = NabCorpus.of("contextOSE", files.stream().map(s -> s.scored(cad.score(s.values()))).toList());

        NabResult result = new NabBenchmark(NabProfile.STANDARD).score(corpus, threshold);

        assertThat(result.files()).hasSize(12);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < table.size(); i++) {
            CSVRecord row = table.get(i);
            NabResult.FileScore file = result.files().get(i);
            assertThat(file.file()).isEqualTo(row.get("File"));
            assertThat(Double.parseDouble(row.get("Threshold"))).isCloseTo(threshold, within(1e-12));
            soft.assertThat(file.score().score()).as(file.file()).isCloseTo(Double.parseDouble(row.get("Score")), within(1e-9));
            soft.assertThat(file.score().tp()).as(file.file() + " TP").isEqualTo(Long.parseLong(row.get("TP")));
            soft.assertThat(file.score().tn()).as(file.file() + " TN").isEqualTo(Long.parseLong(row.get("TN")));
            soft.assertThat(file.score().fp()).as(file.file() + " FP").isEqualTo(Long.parseLong(row.get("FP")));
            soft.assertThat(file.score().fn()).as(file.file() + " FN").isEqualTo(Long.parseLong(row.get("FN")));
        }
        soft.assertAll();
    }

    private static List<CSVRecord> read(String resource) throws Exception {
        try (Reader reader = new InputStreamReader(
                ContextOseGoldenTest.class.getResourceAsStream("/dev/microsim/detector/context/" + resource), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).build()
                    .parse(reader).getRecords();
        }
    }
}
