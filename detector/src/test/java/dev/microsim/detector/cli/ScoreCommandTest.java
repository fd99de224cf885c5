package dev.microsim.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest extends DetectorCli {

    @TempDir
    Path tmp;

    private Path predictions(String body) throws Exception {
        return Files.writeString(tmp.resolve("preds.csv"), "timestamp,series,score\n" + body);
    }

    @Test
    void scoresBinaryDetectionsAndWritesScoreJson() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        // catalog anomalous on seconds 10..14; alarms on 11, 12 and a false one on 3
        Path preds = predictions(String.join("\n",
                TestDatasets.at(3) + ",catalog/GET /item/latency_p99_ms,1",
                TestDatasets.at(11) + ",catalog/GET /item/latency_p99_ms,1",
                TestDatasets.at(12) + ",catalog/GET /item/latency_p99_ms,1",
                TestDatasets.at(13) + ",catalog/GET /item/latency_p99_ms,0") + "\n");
        Path json = tmp.resolve("score.json");

        int code = run("score", "--dataset", dataset.toString(), "--detections", preds.toString(), "--out", json.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode score = new ObjectMapper().readTree(json.toFile());
        JsonNode series = score.path("series").get(0);
        assertThat(series.path("series").asText()).isEqualTo("catalog/GET /item/latency_p99_ms");
        assertThat(series.path("pointwise").path("tp").asInt()).isEqualTo(2);
        assertThat(series.path("pointwise").path("fp").asInt()).isEqualTo(1);
        assertThat(series.path("pointwise").path("fn").asInt()).isEqualTo(3);
        assertThat(series.path("pointAdjusted").path("tp").asInt()).isEqualTo(5);
        assertThat(series.path("eventWise").path("detected").asInt()).isEqualTo(1);
        assertThat(series.path("timeToDetect").path("median").asText()).isEqualTo("PT1S");
        assertThat(score.path("nab").path("standard").path("score").isNumber()).isTrue();
        assertThat(out.toString()).contains("catalog/GET /item/latency_p99_ms").contains("NAB standard");
    }

    @Test
    void malformedPredictionsAreAllReportedWithFileLineAndValue() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path preds = predictions(String.join("\n",
                TestDatasets.at(1) + ",catalog/GET /item/latency_p99_ms,NaN",
                TestDatasets.at(2) + ",catalgo/GET /item/latency_p99_ms,1",
                "2030-01-01T00:00:00Z,cart//cpu_ms,1",
                "yesterday,cart//cpu_ms,1",
                TestDatasets.at(4) + ",cart//cpu_ms,high") + "\n");

        int code = run("score", "--dataset", dataset.toString(), "--detections", preds.toString(), "--out", tmp.resolve("s.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains(preds + ":2: column \"score\": \"NaN\" is NaN")
                .contains(preds + ":3: column \"series\": \"catalgo/GET /item/latency_p99_ms\" is not a series of the dataset")
                .contains(preds + ":4: column \"timestamp\": \"2030-01-01T00:00:00Z\" is outside the data of cart//cpu_ms")
                .contains(preds + ":5: column \"timestamp\": \"yesterday\" is not a timestamp")
                .contains(preds + ":6: column \"score\": \"high\" is not a number");
        assertThat(tmp.resolve("s.json")).doesNotExist();
    }

    @Test
    void wrongColumnsAndEmptyFilesAreRejected() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path wrong = Files.writeString(tmp.resolve("wrong.csv"), "time,series,value\n");
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");

        assertThat(run("score", "--dataset", dataset.toString(), "--detections", wrong.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(wrong + ":1: \"time,series,value\" wrong columns: the header must be timestamp,series,score");
        assertThat(run("score", "--dataset", dataset.toString(), "--detections", empty.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(empty + ": is empty");
    }

    @Test
    void incompleteDatasetsAreRefusedWithTheReason() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), false);
        Path preds = predictions(TestDatasets.at(1) + ",cart//cpu_ms,1\n");

        assertThat(run("score", "--dataset", dataset.toString(), "--detections", preds.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("manifest.json").contains("incomplete (interrupted by Ctrl-C)");

        Files.delete(dataset.resolve("manifest.json"));
        assertThat(run("score", "--dataset", dataset.toString(), "--detections", preds.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("manifest.json: not found: the run died before it could write one");
    }

    @Test
    void scoresARankingPerFaultKind() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path ranking = Files.writeString(tmp.resolve("ranking.json"), "{\"f1-latency-catalog\": [\"frontend\", \"catalog\"]}");
        Path json = tmp.resolve("rca.json");

        assertThat(run("score", "--dataset", dataset.toString(), "--ranking", ranking.toString(), "--out", json.toString()))
                .as(err.toString()).isZero();
        JsonNode score = new ObjectMapper().readTree(json.toFile());
        assertThat(score.path("overall").path("AC@1").asDouble()).isZero();
        assertThat(score.path("overall").path("AC@2").asDouble()).isEqualTo(1.0);
        assertThat(score.path("overall").path("Avg@5").asDouble()).isEqualTo(0.8);
        assertThat(score.path("byKind").path("latency").path("faults").asInt()).isEqualTo(1);
        assertThat(score.path("faults").get(0).path("rank").asInt()).isEqualTo(2);
    }

    @Test
    void unknownFaultInRankingIsBadInput() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path ranking = Files.writeString(tmp.resolve("ranking.json"), "{\"f9\": [\"catalog\"]}");
        assertThat(run("score", "--dataset", dataset.toString(), "--ranking", ranking.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(ranking + ": column \"f9\": \"f9\" is not a fault of the dataset");
    }

    @Test
    void missingInputsAreUsageErrors() {
        assertThat(run("score", "--detections", "x.csv")).isEqualTo(2);
        assertThat(run("score", "--bogus")).isEqualTo(2);
    }

    @Test
    void scoresNabResultsWithOfficialThresholds() throws Exception {
        Path nab = dev.microsim.detector.nab.NabDataLocatorAccess.nabDirectory();
        Path json = tmp.resolve("nab.json");
        assertThat(run("score", "--nab", nab.toString(), "--detector", "windowedGaussian", "--out", json.toString()))
                .as(err.toString()).isZero();
        JsonNode score = new ObjectMapper().readTree(json.toFile());
        JsonNode published = new ObjectMapper().readTree(nab.resolve("results/final_results.json").toFile());
        assertThat(score.path("windowedGaussian").path("standard").path("score").asDouble())
                .isCloseTo(published.path("windowedGaussian").path("standard").asDouble(), org.assertj.core.api.Assertions.within(0.01));
    }
}
