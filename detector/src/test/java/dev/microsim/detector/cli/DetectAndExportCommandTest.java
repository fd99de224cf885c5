package dev.microsim.detector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectAndExportCommandTest extends DetectorCli {

    @TempDir
    Path tmp;

    /** A threshold detector in Python: score 1 where the value exceeds 100. */
    private Path thresholdDetector() throws Exception {
        return Files.writeString(tmp.resolve("mydet.py"), """
                import csv, sys
                with open(sys.argv[1]) as f, open(sys.argv[2], "w", newline="") as out:
                    w = csv.writer(out)
                    w.writerow(["timestamp", "series", "score"])
                    for row in csv.DictReader(f):
                        w.writerow([row["timestamp"], row["series"], 1 if float(row["value"]) > 100 else 0])
                """);
    }

    @Test
    void runsAnExternalDetectorAndScoresWhatItWrote() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path json = tmp.resolve("score.json");

        int code = run("detect", "--dataset", dataset.toString(),
                "--command", "python3 " + thresholdDetector() + " {input} {output}", "--out", json.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode catalog = new ObjectMapper().readTree(json.toFile()).path("series").get(0);
        // the latency is 250 exactly on the labelled seconds 10..14
        assertThat(catalog.path("pointwise").path("f1").asDouble()).isEqualTo(1.0);
        assertThat(catalog.path("timeToDetect").path("mean").asText()).isEqualTo("PT0S");
    }

    @Test
    void aFailingDetectorIsReportedWithItsOutput() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        int code = run("detect", "--dataset", dataset.toString(), "--command", "echo boom >&2; exit 3 # {input} {output}");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("exited with code 3").contains("boom");
    }

    @Test
    void aSlowDetectorIsStoppedAtTheTimeout() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        int code = run("detect", "--dataset", dataset.toString(), "--timeout", "500ms", "--command", "sleep 30 # {input} {output}");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("did not finish within 500 ms");
    }

    @Test
    void anUnreadableTimeoutIsAUsageErrorNamingTheValue() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        assertThat(run("detect", "--dataset", dataset.toString(), "--timeout", "soon", "--command", "true {input} {output}")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout").contains("expected a duration like 500ms, 30s, 10m, got \"soon\"");
    }

    @Test
    void commandWithoutPlaceholdersIsAUsageError() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        assertThat(run("detect", "--dataset", dataset.toString(), "--command", "python3 x.py")).isEqualTo(2);
    }

    @Test
    void exportsNabLayoutWithLabelsApart() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path nab = tmp.resolve("nab");

        assertThat(run("export", "--dataset", dataset.toString(), "--format", "nab", "--out", nab.toString())).as(err.toString()).isZero();

        Path catalog = nab.resolve("data/microsim/catalog_GET-_item_latency_p99_ms.csv");
        assertThat(Files.readAllLines(catalog)).hasSize(21).startsWith("timestamp,value", "2026-11-24 15:00:00,10.0");
        JsonNode windows = new ObjectMapper().readTree(nab.resolve("labels/combined_windows.json").toFile());
        assertThat(windows.path("microsim/catalog_GET-_item_latency_p99_ms.csv").get(0).get(0).asText()).isEqualTo("2026-11-24 15:00:10.000000");
        assertThat(windows.path("microsim/cart__cpu_ms.csv").size()).isZero();
    }

    @Test
    void rcaEvalExportReadsBackAsTheSameSeries() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        Path rca = tmp.resolve("rca");
        assertThat(run("export", "--dataset", dataset.toString(), "--format", "rcaeval", "--out", rca.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(rca.resolve("data.csv")).get(0)).isEqualTo("time,catalog_GET-item_latency_p99_ms,cart_cpu_ms");
        assertThat(Files.readString(rca.resolve("inject_time.txt")).trim()).isEqualTo(Long.toString(TestDatasets.START.getEpochSecond() + 10));

        Path export = tmp.resolve("csv");
        assertThat(run("export", "--rcaeval", rca.resolve("data.csv").toString(), "--root-cause", "catalog",
                "--format", "csv", "--out", export.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(export.resolve("series.csv"))).hasSize(41)
                .contains("2026-11-24T15:00:10Z,catalog_GET-item_latency_p99_ms,250.0");
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        Path dataset = TestDatasets.write(tmp.resolve("ds"), true);
        assertThat(run("export", "--dataset", dataset.toString(), "--format", "parquet", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("\"parquet\" is not one of nab, rcaeval, csv");
    }
}
