package dev.microsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = new CommandLine(new ReportCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesAPageWithEverythingInlinedAndAMarkdownSummaryBesideIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        new SyntheticRun(7, Duration.ofSeconds(60), 1, 1).write(dir);
        assertThat(run(dir.toString())).as(err.toString()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        // Offline: no script or stylesheet is fetched from anywhere.
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=")
                .contains("uPlot").contains("cytoscape").contains("id=\"report-data\"");
        assertThat(html).contains("<h3>Faults (ground truth)</h3>").contains("f1-latency-svc-");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("# MicroSim report: synthetic-7").contains("## NAB score").contains("| standard |")
                .contains("## Root cause ranking per fault kind").contains("| all | 1 | 1.000 |").contains("report.html")
                .contains("root cause AC@1 1.000, AC@3 1.000, Avg@5 1.000 over 1 faults");
        assertThat(out.toString()).contains("report.html").contains("report.md");
    }

    @Test
    void textFromTheDatasetCannotBreakOutOfThePage(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        new SyntheticRun(4, Duration.ofSeconds(30), 1, 1).write(dir);
        // A service name is data: rename one to markup in every file that names it.
        for (String file : new String[] {"metrics.csv", "predictions.csv", "labels.json", "ranking.json", "traces.jsonl"}) {
            Path p = dir.resolve(file);
            Files.writeString(p, Files.readString(p).replace("svc-1", "x</script><b>y"));
        }
        assertThat(run(dir.toString())).as(err.toString()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).doesNotContain("x</script>").doesNotContain("<b>y").contains("x&lt;/script&gt;&lt;b&gt;y");
    }

    @Test
    void badPredictionsAreReportedWithFileLineAndValueAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        new SyntheticRun(4, Duration.ofSeconds(30), 1, 1).write(dir);
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "timestamp,series,score\n2026-11-24T15:00:01Z,nope//cpu_ms,1\n2026-11-24T15:00:01Z,frontend//cpu_ms,high\n");
        assertThat(run(dir.toString(), "--detections", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.csv:2").contains("nope//cpu_ms").contains("bad.csv:3").contains("\"high\"");
        assertThat(dir.resolve("report.html")).doesNotExist();
        assertThat(dir.resolve("report.md")).doesNotExist();
    }

    @Test
    void theBuiltInDetectorsOutputGivesTheAlarmsAPerServiceAnomalyChartAndTheRanking(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        new SyntheticRun(4, Duration.ofSeconds(30), 1, 1).write(dir);
        Path results = Files.createDirectories(dir.resolve("detect-results"));
        Files.writeString(results.resolve("alarms.csv"), "timestamp,series,score\n2026-11-24T15:00:05Z,frontend//cpu_ms,1\n");
        Files.writeString(results.resolve("services.csv"), "timestamp,service,score,alarm,top_series\n"
                + "2026-11-24T15:00:05Z,frontend,3.5,1,frontend//cpu_ms\n2026-11-24T15:00:06Z,frontend,0.25,0,frontend//cpu_ms\n");
        assertThat(run(dir.toString())).as(err.toString()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("detect-results/alarms.csv").contains("\"id\":\"DETECTOR\"").contains("\"ANOMALY\":[");
        assertThat(html).containsPattern("\"name\":\"frontend\"[^}]*\"ANOMALY\":\\[null,null,null,null,null,3.5,0.25");

        // detect --dataset's ranking.json beside them is the ranking, before DIR/ranking.json (which ranks svc-2 first).
        assertThat(Files.readString(dir.resolve("ranking.json"))).contains("\"f1-latency-svc-2\": [\"svc-2\"");
        Files.writeString(results.resolve("ranking.json"), "{\"f1-latency-svc-2\": [\"frontend\", \"svc-1\"]}");
        assertThat(run(dir.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("detect-results/ranking.json");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("root cause AC@1 0.000, AC@3 0.000");

        Files.writeString(results.resolve("services.csv"), "timestamp,service,score,alarm,top_series\n2026-11-24T15:00:05Z,frontend,high,1,x\n");
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("services.csv:2").contains("\"high\"");
    }

    @Test
    void theCallGraphIsBuiltFromTheTraces(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        new SyntheticRun(4, Duration.ofSeconds(30), 1, 1).write(dir);
        assertThat(run(dir.toString())).as(err.toString()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        // SyntheticRun's traces: one call per edge of the ternary tree, 5 ms as the caller saw it.
        assertThat(html).contains("\"graph\":{\"nodes\":[\"frontend\",\"svc-1\",\"svc-2\",\"svc-3\"],\"edges\":[[\"frontend\",\"svc-1\",1,0,5")
                .contains("[\"frontend\",\"svc-3\",1,0,5").doesNotContain("No call graph: ");

        // A server span whose parent is not in the dump is treated as a root, and the client span left
        // unanswered goes on the edge its operation usually takes (CallGraph's documented fallbacks) ...
        Path traces = dir.resolve("traces.jsonl");
        Files.writeString(traces, Files.readString(traces).replace("\"parentSpanId\":\"0000000000000006\"", "\"parentSpanId\":\"00000000000000ff\""));
        assertThat(run(dir.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("\"nodes\":[\"frontend\",\"svc-1\",\"svc-2\",\"svc-3\"]")
                .contains("[\"frontend\",\"svc-1\",2,0,5").doesNotContain("[\"frontend\",\"svc-3\",");

        // ... and unreadable traces cost the graph, not the report: the problem is named on stderr and on the page.
        Files.writeString(traces, "{\"traceId\": 12\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(run(dir.toString())).isZero();
        assertThat(err.toString()).contains("no call graph in the report").contains("traces.jsonl:");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("\"graph\":null").contains("No call graph: none could be built from the traces.");
    }

    @Test
    void aDirectoryThatIsNoDatasetIsBadInput(@TempDir Path tmp) {
        assertThat(run(tmp.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("manifest.json").contains("not found");
    }

    @Test
    void aValueBudgetBelowOneIsAUsageError(@TempDir Path tmp) {
        assertThat(run(tmp.toString(), "--max-values", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-values").contains("0");
    }
}
