package dev.microsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The page of a synthetic run opened in headless Chromium: every chart drawn, nothing on the
 * console. (The simulator's ReportOfARealRunTest does the same on a real run.) Chromium is needed:
 * .ci/run installs it; without it this test fails rather than pass unseen.
 */
class ReportInBrowserTest {

    static HeadlessChromium chromium() {
        return new HeadlessChromium(HeadlessChromium.find().orElseThrow(() -> new AssertionError(
                "no chromium: apt-get install chromium (.ci/run does), or set CHROMIUM")), Duration.ofMinutes(2));
    }

    @Test
    void everyChartDrawsAndTheConsoleStaysQuiet(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        SyntheticRun run = new SyntheticRun(6, Duration.ofSeconds(90), 2, 5);
        run.write(dir);
        assertThat(new CommandLine(new ReportCommand()).execute(dir.toString())).isZero();
        HeadlessChromium.PageDump page = chromium().dumpDom(dir.resolve("report.html"));
        assertThat(page.bodyData("ready")).contains("true");
        assertThat(page.consoleLines()).isEmpty();
        assertThat(page.bodyData("errors")).contains("0");
        // Traffic, latency, saturation per service (no detector chart: no detector output given), plus PA%K and AC@k.
        int expected = run.services() * 3 + 2;
        assertThat(page.bodyData("charts-expected")).contains(String.valueOf(expected));
        assertThat(page.bodyData("charts-drawn")).contains(String.valueOf(expected));
        assertThat(count(page.dom(), "class=\"uplot")).isEqualTo(expected);
        assertThat(count(page.dom(), "<canvas")).isGreaterThanOrEqualTo(expected);
    }

    /**
     * The call graph section draws with Cytoscape.js: a graph is handed to the builder directly here
     * (the command gets it from the detector's call graph built from traces).
     */
    @Test
    void theCallGraphDrawsWithTheRootCauseAndTheRankersTop3(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        SyntheticRun run = new SyntheticRun(9, Duration.ofSeconds(60), 1, 5);
        run.write(dir);
        var dataset = new dev.microsim.detector.dataset.MicroSimDatasetReader().read(dir);
        java.util.List<String> services = new java.util.ArrayList<>();
        java.util.List<CallGraphView.Edge> edges = new java.util.ArrayList<>();
        for (int i = 0; i < run.services(); i++) {
            services.add(SyntheticRun.name(i));
            if (i > 0) {
                edges.add(new CallGraphView.Edge(SyntheticRun.name((i - 1) / 3), SyntheticRun.name(i), 100 * i, i == 4 ? 0.2 : 0, 5));
            }
        }
        ReportInputs inputs = ReportInputs.of(dataset, RunInfo.read(dir))
                .withRankings(new dev.microsim.detector.rca.RankingReader().read(dir.resolve("ranking.json"), dataset.faults()), dir.resolve("ranking.json"))
                .withGraph(new CallGraphView(services, edges));
        Path html = dir.resolve("report.html");
        HtmlReport.write(new RunReportBuilder().build(inputs), html);
        HeadlessChromium.PageDump page = chromium().dumpDom(html);
        assertThat(page.consoleLines()).isEmpty();
        assertThat(page.bodyData("errors")).contains("0");
        assertThat(page.bodyData("graph-nodes")).contains(String.valueOf(run.services()));
        assertThat(page.dom()).contains("root cause " + SyntheticRun.name(run.faultPlan().get(0)[0]) + "; ranker's top 3: ");
        assertThat(count(page.dom(), "<canvas")).isGreaterThan(run.services() * 3);
        Path png = tmp.resolve("graph.png");
        chromium().screenshot(html, png, 1400, 1800);
        assertThat(Files.size(png)).isGreaterThan(50_000);
    }

    @Test
    void aScreenshotIsTaken(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        new SyntheticRun(3, Duration.ofSeconds(60), 1, 5).write(dir);
        Path png = tmp.resolve("shot.png");
        assertThat(new CommandLine(new ReportCommand()).execute(dir.toString(), "--screenshot", png.toString())).isZero();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        assertThat(bytes.length).as("a page with charts, not a blank one").isGreaterThan(50_000);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
