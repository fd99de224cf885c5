package dev.microsim.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankCommandTest extends DetectorCli {

    @TempDir
    Path dir;

    @Test
    void findsTheIncidentRanksItsRootCauseAndOnlyThenScoresItAgainstTheLabels() throws Exception {
        Path dataset = RcaTestDatasets.write(dir.resolve("ds"));
        Path results = dir.resolve("out");
        assertThat(run("rank", "--dataset", dataset.toString(), "--out", results.toString())).as(err.toString()).isZero();

        JsonNode incidents = new ObjectMapper().readTree(results.resolve("incidents.json").toFile());
        assertThat(incidents.path("incidents")).hasSize(1);
        JsonNode incident = incidents.path("incidents").get(0);
        assertThat(incident.path("suspectedRootCause").asText()).isEqualTo("db");
        assertThat(incident.path("candidates").get(0).path("explanation").asText()).contains("db trace_self_ms");
        assertThat(incidents.toString()).doesNotContain("f1-latency-db"); // label-free: no fault id in the incidents
        JsonNode ranking = new ObjectMapper().readTree(results.resolve("ranking.json").toFile());
        assertThat(ranking.path("f1-latency-db").get(0).asText()).isEqualTo("db");
        assertThat(out.toString()).contains("1 of 1 faults got exactly one incident of their own", "all").contains("1.000");
    }

    @Test
    void aDatasetWithoutTracesOrLogsStillRanksAndSaysWhatWasMissing() throws Exception {
        Path dataset = RcaTestDatasets.write(dir.resolve("ds"));
        Files.delete(dataset.resolve("traces.jsonl"));
        Files.delete(dataset.resolve("logs.jsonl"));
        Path results = dir.resolve("out");
        assertThat(run("rank", "--dataset", dataset.toString(), "--out", results.toString())).as(err.toString()).isZero();
        JsonNode incidents = new ObjectMapper().readTree(results.resolve("incidents.json").toFile());
        assertThat(incidents.path("notes").toString()).contains("no traces", "no logs");
        assertThat(incidents.path("incidents").get(0).path("suspectedRootCause").asText()).isEqualTo("db");
        assertThat(out.toString()).contains("note: no traces");
    }

    @Test
    void ranksAnRcaEvalCaseFromItsInjectionTime() throws Exception {
        Path csv = RcaTestDatasets.writeRcaEval(dir.resolve("case"));
        Path results = dir.resolve("out");
        assertThat(run("rank", "--rcaeval", csv.toString(), "--root-cause", "db", "--ranker", "baro", "--out", results.toString()))
                .as(err.toString()).isZero();
        JsonNode ranking = new ObjectMapper().readTree(results.resolve("ranking.json").toFile());
        assertThat(ranking.path("data.csv").get(0).asText()).isEqualTo("db");
        assertThat(run("rank", "--rcaeval", csv.toString(), "--out", results.toString())).isZero();
        assertThat(out.toString()).contains("no --root-cause: ranking written, not scored");
    }

    @Test
    void anInjectionTimeWithNoNormalPeriodBeforeItIsAClearError() throws Exception {
        Path csv = RcaTestDatasets.writeRcaEval(dir.resolve("case"));
        assertThat(run("rank", "--rcaeval", csv.toString(), "--inject-time", Long.toString(RcaTestDatasets.START.getEpochSecond()),
                "--out", dir.resolve("out").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--inject-time: \"2026-11-24T15:00:00Z\" leaves no normal period before it in the data");
        assertThat(dir.resolve("out").resolve("incidents.json")).doesNotExist();
    }

    @Test
    void unknownRankerOrParserIsAUsageError() throws Exception {
        Path dataset = RcaTestDatasets.write(dir.resolve("ds"));
        assertThat(run("rank", "--dataset", dataset.toString(), "--ranker", "magic")).isEqualTo(2);
        assertThat(err.toString()).contains("--ranker: \"magic\" is not microsim, nsigma, baro or most-anomalous");
    }
}
