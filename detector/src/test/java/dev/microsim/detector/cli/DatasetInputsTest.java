package dev.microsim.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector side's bad inputs, one test per class the hardening issue found: datasets that no
 * longer match their manifest, flags whose value cannot work, outputs that would clobber or cannot
 * be written, silent NAB fallbacks, rankings naming services that do not exist, a BOM in a header,
 * and error text that leaks Java class names. Each must give a clear message and a non-zero exit,
 * never a stack trace and never a score of damaged data.
 */
class DatasetInputsTest extends DetectorCli {

    @TempDir
    Path tmp;

    private Path predictions() throws Exception {
        return Files.writeString(tmp.resolve("preds.csv"), "timestamp,series,score\n" + TestDatasets.at(11) + ",catalog/GET /item/latency_p99_ms,1\n");
    }

    private Path sealedDataset() throws Exception {
        Path ds = TestDatasets.write(tmp.resolve("ds"), true);
        Files.writeString(ds.resolve("traces.jsonl"), "{\"traceId\":\"a\"}\n{\"traceId\":\"b\"}\n");
        return TestDatasets.seal(ds);
    }

    /** Edits the one fault of the test dataset's labels.json. */
    private static void editLabel(Path ds, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode labels = json.readTree(ds.resolve("labels.json").toFile());
        edit.accept((com.fasterxml.jackson.databind.node.ObjectNode) labels.path("faults").get(0));
        json.writeValue(ds.resolve("labels.json").toFile(), labels);
    }

    private void assertNoStackTrace() {
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("com.fasterxml");
    }

    @Test
    void anEditedTruncatedOrDeletedFileIsRefusedByNameForScoreAndExport() throws Exception {
        Path ds = sealedDataset();
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString(), "--out", tmp.resolve("s.json").toString()))
                .as(err.toString()).isZero();

        // Same size, one digit changed: only the checksum can tell.
        String metrics = Files.readString(ds.resolve("metrics.csv"));
        Files.writeString(ds.resolve("metrics.csv"), metrics.replaceFirst(",250\n", ",251\n"));
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString())).isEqualTo(1);
        assertThat(err.toString()).contains(ds.resolve("metrics.csv") + ": does not match its SHA-256 in manifest.json: the file was changed after the run");
        assertThat(run("export", "--dataset", ds.toString(), "--format", "csv", "--out", tmp.resolve("e").toString())).isEqualTo(1);
        assertThat(tmp.resolve("e").resolve("series.csv")).doesNotExist();
        Files.writeString(ds.resolve("metrics.csv"), metrics);

        Files.writeString(ds.resolve("traces.jsonl"), "{\"traceId\":\"a\"}\n");
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString(), "--verify")).isEqualTo(1);
        assertThat(err.toString()).contains(ds.resolve("traces.jsonl") + ": is 16 bytes but manifest.json lists 32: the file was truncated or changed after the run");

        Files.delete(ds.resolve("traces.jsonl"));
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString())).isEqualTo(1);
        assertThat(err.toString()).contains(ds.resolve("traces.jsonl") + ": not found, but manifest.json lists it (32 bytes)");
        assertNoStackTrace();
    }

    @Test
    void aLabelsFileChangedAfterTheRunIsRefusedToo() throws Exception {
        Path ds = sealedDataset();
        editLabel(ds, fault -> ((com.fasterxml.jackson.databind.node.ObjectNode) fault.path("actual")).put("start", TestDatasets.at(11)));
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString())).isEqualTo(1);
        assertThat(err.toString()).contains(ds.resolve("labels.json") + ": ").contains("changed after the run");
    }

    @Test
    void aMissingManifestWithAllowPartialIsReadNotRefusedAgain() throws Exception {
        Path ds = TestDatasets.write(tmp.resolve("ds"), false);
        Files.delete(ds.resolve("manifest.json"));
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("pass --allow-partial to read what it recorded");
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString(), "--allow-partial",
                "--out", tmp.resolve("s.json").toString())).as(err.toString()).isZero();
    }

    @Test
    void aPartialDatasetWhoseLastRowWasCutByAKillIsReadUpToThatRow() throws Exception {
        Path ds = TestDatasets.write(tmp.resolve("ds"), false);
        Files.writeString(ds.resolve("metrics.csv"), Files.readString(ds.resolve("metrics.csv")) + "2026-11-24T15:00:20.000Z,cart,,cp");
        assertThat(run("export", "--dataset", ds.toString(), "--allow-partial", "--format", "csv", "--out", tmp.resolve("e").toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("e/series.csv"))).hasSize(41);
        // In a complete dataset the same cut row is an error, not something to skip.
        Files.writeString(ds.resolve("manifest.json"), Files.readString(ds.resolve("manifest.json")).replace("\"complete\": false", "\"complete\": true"));
        assertThat(run("export", "--dataset", ds.toString(), "--format", "csv", "--out", tmp.resolve("e2").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("metrics.csv:42");
    }

    @Test
    void aThresholdThatIsNotANumberIsAUsageError() throws Exception {
        Path ds = sealedDataset();
        for (String bad : new String[] {"NaN", "Infinity"}) {
            assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString(), "--threshold", bad)).isEqualTo(2);
            assertThat(err.toString()).contains("--threshold: expected a finite number, got " + bad);
        }
        assertNoStackTrace();
    }

    @Test
    void outputsThatAreTheWrongKindOfPathAreRefusedBeforeAnyWork() throws Exception {
        Path ds = sealedDataset();
        Path dir = Files.createDirectories(tmp.resolve("reports"));
        assertThat(run("score", "--dataset", ds.toString(), "--detections", predictions().toString(), "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(dir + ": --out is a directory, expected a file name (e.g. " + dir.resolve("score.json") + ")");
        assertThat(out.toString()).doesNotContain("catalog/GET /item");

        Path file = Files.writeString(tmp.resolve("taken"), "mine");
        assertThat(run("export", "--dataset", ds.toString(), "--format", "nab", "--out", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(file + ": --out is a file, expected a directory to write into");
        assertThat(Files.readString(file)).isEqualTo("mine");
        assertNoStackTrace();
    }

    @Test
    void anExportDoesNotOverwriteAnEarlierOneUnlessForced() throws Exception {
        Path ds = sealedDataset();
        Path export = tmp.resolve("export");
        assertThat(run("export", "--dataset", ds.toString(), "--format", "rcaeval", "--out", export.toString())).as(err.toString()).isZero();
        Files.writeString(export.resolve("data.csv"), "my edits");
        assertThat(run("export", "--dataset", ds.toString(), "--format", "rcaeval", "--out", export.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(export + ": --out already holds data.csv, inject_time.txt, faults.json from an earlier export; pass --force");
        assertThat(Files.readString(export.resolve("data.csv"))).isEqualTo("my edits");
        assertThat(run("export", "--dataset", ds.toString(), "--format", "rcaeval", "--out", export.toString(), "--force")).isZero();
        assertThat(Files.readString(export.resolve("data.csv"))).startsWith("time,");
        // Other formats' files do not collide.
        assertThat(run("export", "--dataset", ds.toString(), "--format", "csv", "--out", export.toString())).isZero();
    }

    @Test
    void aRankingNamingAServiceTheDatasetDoesNotHaveIsBadInput() throws Exception {
        Path ds = sealedDataset();
        Path ranking = Files.writeString(tmp.resolve("ranking.json"), "{\"f1-latency-catalog\": [\"catalgo\", \"catalog\"]}");
        assertThat(run("score", "--dataset", ds.toString(), "--ranking", ranking.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(ranking + ": column \"f1-latency-catalog\": \"catalgo\" is not a service of the dataset; services: cart, catalog");
    }

    @Test
    void aByteOrderMarkInACsvHeaderIsRead() throws Exception {
        Path ds = sealedDataset();
        Path preds = Files.write(tmp.resolve("bom.csv"), ("\uFEFFtimestamp,series,score\n" + TestDatasets.at(11) + ",catalog/GET /item/latency_p99_ms,1\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(run("score", "--dataset", ds.toString(), "--detections", preds.toString(), "--out", tmp.resolve("s.json").toString()))
                .as(err.toString()).isZero();
    }

    @Test
    void malformedJsonIsDescribedByLineAndColumnWithoutParserInternals() throws Exception {
        Path ds = sealedDataset();
        Path ranking = Files.writeString(tmp.resolve("ranking.json"), "{\"f1-latency-catalog\": [\"catalog\",]\n");
        assertThat(run("score", "--dataset", ds.toString(), "--ranking", ranking.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(ranking + ": is not valid JSON: line 1, column ");
        assertThat(err.toString()).doesNotContain("Source:").doesNotContain("REDACTED").doesNotContain("(code ");
        assertNoStackTrace();
    }

    @Test
    void aFaultThatNeverActedIsNeitherScoredNorExported() throws Exception {
        Path ds = TestDatasets.write(tmp.resolve("ds"), true);
        // Recovered by hand before its planned start: the label has no actual start.
        editLabel(ds, fault -> fault.putObject("actual").putNull("start").putNull("end"));
        assertThat(run("export", "--dataset", ds.toString(), "--format", "nab", "--out", tmp.resolve("nab").toString())).as(err.toString()).isZero();
        JsonNode windows = new ObjectMapper().readTree(tmp.resolve("nab/labels/combined_windows.json").toFile());
        windows.forEach(w -> assertThat(w).as("no anomaly window for a fault that never acted").isEmpty());
        Path ranking = Files.writeString(tmp.resolve("ranking.json"), "{\"f1-latency-catalog\": [\"catalog\"]}");
        assertThat(run("score", "--dataset", ds.toString(), "--ranking", ranking.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("\"f1-latency-catalog\" is not a fault of the dataset");
    }
}
