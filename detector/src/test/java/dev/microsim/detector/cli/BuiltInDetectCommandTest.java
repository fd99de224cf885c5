package dev.microsim.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.io.PredictionsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect} without {@code --command}: the built-in pipeline end to end on a small dataset. */
class BuiltInDetectCommandTest extends DetectorCli {

    @TempDir
    Path tmp;

    /**
     * 120 one-second points; catalog's latency jumps from 10 to 250 ms in seconds 70..94, labelled
     * (25 s, as the evaluation scenarios' faults: the tuned episode rule wants 22 alarmed seconds).
     */
    private Path dataset() throws Exception {
        return TestDatasets.write(tmp.resolve("ds"), true, 120, 70, 94);
    }

    @Test
    void writesScoresAlarmsServicesAndDetectionJsonThatScoreReads() throws Exception {
        Path ds = dataset();
        Path results = tmp.resolve("res");
        Path json = tmp.resolve("score.json");

        int code = run("detect", "--dataset", ds.toString(), "--results", results.toString(), "--out", json.toString(), "--no-progress");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("catalog anomalous 2026-11-24T15:01:10Z");
        var dataset = new MicroSimDatasetReader().read(ds);
        // both CSVs are in the predictions format microsim score reads
        assertThat(new PredictionsReader().read(results.resolve("scores.csv"), dataset).scoresBySeries()).hasSize(2);
        assertThat(new PredictionsReader().read(results.resolve("alarms.csv"), dataset).scoresBySeries()).hasSize(2);
        JsonNode detection = new ObjectMapper().readTree(results.resolve("detection.json").toFile());
        JsonNode latency = detection.path("series").get(0);
        assertThat(latency.path("detector").asText()).isEqualTo("ewma");
        // the parameters written are the ones it ran with (the tuned threshold of its class, warm-up over the classified minute)
        double threshold = latency.path("parameters").path("threshold").asDouble();
        assertThat(latency.path("description").asText()).contains("alarm at " + dev.microsim.detector.detect.ParamSpec.format(threshold) + " sd");
        assertThat(latency.path("parameters").path("warmup").asDouble()).isEqualTo(60.0);
        assertThat(latency.path("alarms").get(0).path("reason").asText()).contains("sd above the EWMA mean");
        assertThat(detection.path("services").get(0).path("episodes").get(0).path("responsibleSeries").asText())
                .isEqualTo("catalog/GET /item/latency_p99_ms");
        assertThat(Files.readString(results.resolve("services.csv"))).startsWith("timestamp,service,score,alarm,top_series");
        JsonNode score = new ObjectMapper().readTree(json.toFile());
        JsonNode catalog = score.path("series").get(0);
        assertThat(catalog.path("series").asText()).isEqualTo("catalog/GET /item/latency_p99_ms");
        assertThat(catalog.path("eventWise").path("recall").asDouble()).isEqualTo(1.0);
        assertThat(catalog.path("thresholdSource").asText()).isEqualTo("binary");
    }

    @Test
    void withoutOutTheScoreGoesBesideTheResultsNotIntoTheWorkingDirectory() throws Exception {
        Path ds = dataset();
        Path results = tmp.resolve("res");
        int code = run("detect", "--dataset", ds.toString(), "--results", results.toString(), "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote " + results.resolve("score.json"));
        assertThat(new ObjectMapper().readTree(results.resolve("score.json").toFile()).path("series").get(0).path("series").asText())
                .isEqualTo("catalog/GET /item/latency_p99_ms");
        assertThat(Path.of("score.json")).doesNotExist();
    }

    @Test
    void seriesDerivedFromTheLogsCountButTheCsvsHoldOnlyTheDatasetsSeriesSoScoreReadsThem() throws Exception {
        Path ds = dataset();
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            logs.append("{\"time\":\"").append(TestDatasets.at(i)).append("\",\"service\":\"cart\",\"instance\":\"cart-0\",")
                    .append("\"level\":\"INFO\",\"template\":\"served {}\",\"message\":\"served ").append(i).append("\",\"traceId\":null}\n");
        }
        Files.writeString(ds.resolve("logs.jsonl"), logs);
        Path results = tmp.resolve("res");

        int code = run("detect", "--dataset", ds.toString(), "--results", results.toString(), "--no-progress");

        assertThat(code).as(err.toString()).isZero();
        JsonNode detection = new ObjectMapper().readTree(results.resolve("detection.json").toFile());
        assertThat(detection.path("series").findValuesAsText("series")).as("the pipeline watched the log volume")
                .contains("cart//log_lines", "catalog/GET /item/latency_p99_ms");
        var dataset = new MicroSimDatasetReader().read(ds);
        // what `score --detections`, `report` and `suite score` read: only the dataset's own series
        assertThat(new PredictionsReader().read(results.resolve("alarms.csv"), dataset).scoresBySeries().keySet())
                .containsExactlyInAnyOrder("catalog/GET /item/latency_p99_ms", "cart//cpu_ms");
        assertThat(new PredictionsReader().read(results.resolve("scores.csv"), dataset).scoresBySeries()).hasSize(2);
    }

    @Test
    void withoutResultsTheOutputGoesIntoTheDatasetWhereReportLooksForIt() throws Exception {
        Path ds = dataset();
        int code = run("detect", "--dataset", ds.toString(), "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        assertThat(ds.resolve("detect-results/alarms.csv")).exists();
        assertThat(ds.resolve("detect-results/score.json")).exists();
        assertThat(Path.of("detect-results")).doesNotExist();
    }

    @Test
    void withoutLabelsItDetectsAndSaysItDidNotScore() throws Exception {
        Path ds = dataset();
        Files.delete(ds.resolve("labels.json"));
        int code = run("detect", "--dataset", ds.toString(), "--results", tmp.resolve("r").toString(),
                "--out", tmp.resolve("s.json").toString(), "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no labels.json: detections written, not scored");
        assertThat(tmp.resolve("s.json")).doesNotExist();
        assertThat(tmp.resolve("r/alarms.csv")).exists();
    }

    @Test
    void aCorruptValueIsAnErrorNamingTheLineAndNothingIsWritten() throws Exception {
        Path ds = dataset();
        Files.writeString(ds.resolve("metrics.csv"), "time,service,endpoint,metric,value\n"
                + "2026-11-24T15:00:00.000Z,cart,,cpu_ms,NaN\n");
        int code = run("detect", "--dataset", ds.toString(), "--results", tmp.resolve("r").toString(), "--no-progress");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("metrics.csv:2").contains("\"NaN\" is not a finite number");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void nabAndCommandTogetherIsAUsageError() {
        assertThat(run("detect", "--nab", tmp.toString(), "--command", "x {input} {output}")).isEqualTo(2);
        assertThat(err.toString()).contains("give either --nab or --command");
    }
}
