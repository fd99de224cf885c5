package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.report.HeadlessChromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code microsim report} on a real run (two services, a latency fault, a few seconds of load),
 * opened in headless Chromium: every chart drawn, the call graph built from the run's traces, no console
 * output, a screenshot taken.
 */
class ReportOfARealRunTest {

    @Test
    void theReportOfARealRunDrawsInChromium(@TempDir Path tmp) throws Exception {
        Path scenario = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        Path ds = tmp.resolve("ds");
        assertThat(run("run", scenario.toString(), "--out", ds.toString(), "--duration", "4s", "--load", "builtin", "--no-progress")).isZero();

        // A stand-in detector: its score is api's p95 latency itself (the scorer picks the best-F1 threshold).
        List<String> predictions = new java.util.ArrayList<>(List.of("timestamp,series,score"));
        for (String line : Files.readAllLines(ds.resolve("metrics.csv"))) {
            String[] f = line.split(",");
            if (f[1].equals("api") && f[3].equals("latency_p95_ms")) {
                predictions.add(f[0] + "," + f[1] + "/" + f[2] + "/" + f[3] + "," + f[4]);
            }
        }
        Files.write(ds.resolve("predictions.csv"), predictions);
        Files.writeString(ds.resolve("ranking.json"), "{\"api-slow\": [\"api\", \"web\"]}");
        Path png = tmp.resolve("report.png");
        assertThat(run("report", ds.toString(), "--screenshot", png.toString())).isZero();
        assertThat(Files.readString(ds.resolve("report.md"))).contains("| api-slow | latency | api |").contains("| latency | 1 | 1.000 |");

        HeadlessChromium chromium = new HeadlessChromium(HeadlessChromium.find().orElseThrow(() -> new AssertionError(
                "no chromium: apt-get install chromium (.ci/run does), or set CHROMIUM")), Duration.ofMinutes(2));
        HeadlessChromium.PageDump page = chromium.dumpDom(ds.resolve("report.html"));
        assertThat(page.consoleLines()).isEmpty();
        assertThat(page.bodyData("errors")).contains("0");
        int expected = 2 * 3 + 2; // web and api, three charts each; PA%K and AC@k
        assertThat(page.bodyData("charts-drawn")).contains(String.valueOf(expected));
        assertThat(page.dom().split("class=\"uplot", -1).length - 1).isEqualTo(expected);
        assertThat(page.dom()).contains("api-slow");
        // The call graph from the run's own traces: web calls api, nothing else.
        assertThat(page.bodyData("graph-nodes")).contains("2");
        assertThat(Files.readString(ds.resolve("report.html"))).contains("\"graph\":{\"nodes\":[\"api\",\"web\"],\"edges\":[[\"web\",\"api\",");
        assertThat(Files.size(png)).isGreaterThan(50_000);
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        if (code != 0) {
            System.err.println(err);
        }
        return code;
    }
}
