package dev.microsim.report.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.report.HeadlessChromium;
import dev.microsim.report.SyntheticRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * suite score and suite export on a suite directory of synthetic cases (each with two faults, a
 * detector that alarms in the fault windows and a ranker right on even faults, second on odd ones).
 */
class SuiteScoreAndExportTest {

    @TempDir
    static Path tmp;
    static Path suite;
    static final String[] IDS = {"synthetic--a--latency-high--s1", "synthetic--b--cpu-hog-high--s1", "synthetic--c--latency-high--s2"};
    static final String[] KINDS = {"latency", "cpu-hog", "latency"};
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeSuite() throws Exception {
        suite = tmp.resolve("suite");
        StringBuilder plan = new StringBuilder("{\"formatVersion\": 1, \"suite\": \"synthetic\", \"mode\": \"live\", \"cases\": [");
        for (int i = 0; i < IDS.length; i++) {
            new SyntheticRun(5, Duration.ofSeconds(60), 2, i + 1).write(suite.resolve("cases").resolve(IDS[i]));
            plan.append(i == 0 ? "" : ",").append(String.format("{\"id\": \"%s\", \"dir\": \"cases/%s\", \"scenario\": \"synthetic\","
                    + " \"target\": \"svc\", \"kind\": \"%s\", \"intensity\": \"high\", \"seed\": %d}", IDS[i], IDS[i], KINDS[i], i + 1));
        }
        Files.writeString(suite.resolve("plan.json"), plan.append("]}").toString());
        Files.createDirectories(tmp.resolve("nothing"));
    }

    int run(String... args) {
        CommandLine cl = new CommandLine(new SuiteScoreCommand());
        if (args.length > 0 && args[0].equals("export")) {
            cl = new CommandLine(new SuiteExportCommand());
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    static Path copyOfSuite(Path other) throws Exception {
        Path copy = other.resolve("suite");
        try (var paths = Files.walk(suite)) {
            for (Path p : paths.toList()) {
                Path to = copy.resolve(suite.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
            }
        }
        return copy;
    }

    @Test
    void theLeaderboardPoolsEveryCaseAndBreaksDownByKind() throws Exception {
        assertThat(run(suite.toString(), "--builtin", "none", "--entrant", "synthetic=" + suite.resolve("cases"),
                "--entrant", "silent=" + tmp.resolve("nothing")))
                .as(err.toString()).isZero();
        JsonNode score = new ObjectMapper().readTree(suite.resolve("suite-score.json").toFile());
        JsonNode synthetic = score.path("entrants").path("synthetic");
        assertThat(synthetic.path("casesWithPredictions").asInt()).isEqualTo(3);
        assertThat(synthetic.path("rca").path("overall").path("faults").asInt()).isEqualTo(6);
        assertThat(synthetic.path("rca").path("overall").path("AC@1").asDouble()).isEqualTo(0.5);
        assertThat(synthetic.path("rca").path("overall").path("AC@2").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(synthetic.path("detection").path("pooled").path("eventWise").path("recall").asDouble()).isGreaterThan(0.9);
        assertThat(synthetic.path("detectionByKind").has("latency")).isTrue();
        assertThat(synthetic.path("detectionByKind").has("cpu-hog")).isTrue();
        JsonNode silent = score.path("entrants").path("silent");
        assertThat(silent.path("casesWithoutPredictions").asInt()).isEqualTo(3);
        assertThat(silent.has("rca")).isFalse();
        String md = Files.readString(suite.resolve("suite-report.md"));
        assertThat(md).contains("# MicroSim suite: synthetic").contains("| synthetic | 3/3 |").contains("| silent | 0/3 |")
                .contains("## Per fault kind").contains("| cpu-hog |");
        // The leaderboard puts the better detector first.
        assertThat(md.indexOf("| synthetic |")).isLessThan(md.indexOf("| silent |"));

        HeadlessChromium chromium = new HeadlessChromium(HeadlessChromium.find().orElseThrow(() -> new AssertionError(
                "no chromium: apt-get install chromium (.ci/run does)")), Duration.ofMinutes(2));
        HeadlessChromium.PageDump page = chromium.dumpDom(suite.resolve("suite-report.html"));
        assertThat(page.consoleLines()).isEmpty();
        assertThat(page.bodyData("errors")).contains("0");
        assertThat(page.bodyData("charts-drawn")).contains("2");
        assertThat(page.dom().split("class=\"uplot", -1).length - 1).isEqualTo(2);
    }

    @Test
    void anUnfinishedCaseIsNamedAndStopsTheScoreUnlessAllowed(@TempDir Path other) throws Exception {
        Path copy = copyOfSuite(other);
        Path manifest = copy.resolve("cases").resolve(IDS[1]).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"complete\": true", "\"complete\": false"));
        assertThat(run(copy.toString(), "--builtin", "none", "--entrant", "synthetic=" + copy.resolve("cases"))).isEqualTo(1);
        assertThat(err.toString()).contains("1 of 3 cases are not finished").contains(IDS[1]);
        assertThat(run(copy.toString(), "--builtin", "none", "--entrant", "synthetic=" + copy.resolve("cases"), "--allow-unfinished")).isZero();
        assertThat(Files.readString(copy.resolve("suite-report.md"))).contains("1 of 3 cases are not finished and not scored: " + IDS[1]);
    }

    @Test
    void badEntrantsAreUsageErrorsNamedAllAtOnce() {
        assertThat(run(suite.toString(), "--builtin", "microsim,basro", "--entrant", "microsim=" + suite.resolve("cases"),
                "--command", "true")).isEqualTo(2);
        assertThat(err.toString()).contains("--builtin: \"basro\" is not a built-in entrant (microsim, nsigma, baro, most-anomalous, or none)")
                .contains("entrant name \"microsim\" is used twice")
                .contains("--command must contain {input} and {output}: \"true\"");
        assertThat(run(suite.toString(), "--builtin", "none")).isEqualTo(2);
        assertThat(err.toString()).contains("no entrants: --builtin none needs --entrant NAME=DIR or --command CMD");
    }

    /** The same runner as detect --command: a failing program is named per case with its last output, and nothing is kept. */
    @Test
    void aFailingCommandIsReportedPerCaseWithItsOutput(@TempDir Path other) throws Exception {
        Path copy = copyOfSuite(other);
        assertThat(run(copy.toString(), "--builtin", "none", "--name", "broken", "--command", "echo no model here >&2; exit 4 # {input} {output}"))
                .isEqualTo(1);
        assertThat(err.toString()).contains(IDS[0] + ": exited with code 4; its last output:\nno model here")
                .contains(IDS[2] + ": exited with code 4");
        assertThat(copy.resolve("entrants/broken").resolve(IDS[0]).resolve("predictions.csv")).doesNotExist();
        assertThat(copy.resolve("entrants/broken").resolve(IDS[0]).resolve("series.csv")).as("the input is not left behind").doesNotExist();
        // Another program under the same name would mix its predictions with the first one's: refused.
        assertThat(run(copy.toString(), "--builtin", "none", "--name", "broken", "--command", "exit 0 # {input} {output}")).isEqualTo(1);
        assertThat(err.toString()).contains("entrants/broken holds the predictions of another command (\"echo no model here");
    }

    @Test
    void exportsAnRcaEvalCaseTreeAndANabCorpus() throws Exception {
        Path rcaeval = tmp.resolve("rcaeval");
        assertThat(run("export", suite.toString(), "--format", "rcaeval", "--out", rcaeval.toString())).as(err.toString()).isZero();
        assertThat(rcaeval.resolve("synthetic/svc_latency/1/data.csv")).exists();
        assertThat(rcaeval.resolve("synthetic/svc_latency/2/inject_time.txt")).exists();
        assertThat(rcaeval.resolve("synthetic/svc_cpu-hog/1/data.csv")).exists();
        assertThat(Files.readString(rcaeval.resolve("cases.json"))).contains("\"synthetic/svc_latency/2\" : \"" + IDS[2] + "\"");

        Path nab = tmp.resolve("nab");
        assertThat(run("export", suite.toString(), "--format", "nab", "--out", nab.toString())).as(err.toString()).isZero();
        JsonNode windows = new ObjectMapper().readTree(nab.resolve("labels/combined_windows.json").toFile());
        String key = IDS[0] + "/frontend_GET-_a_latency_p95_ms.csv";
        assertThat(windows.has(key)).as(key).isTrue();
        assertThat(windows.path(key)).hasSize(2);
        assertThat(nab.resolve("data").resolve(key)).exists();
        assertThat(Files.readAllLines(nab.resolve("data").resolve(key)).get(0)).isEqualTo("timestamp,value");
    }
}
