package dev.microsim.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code microsim suite score} on the shipped smoke suite, really run (fast mode): the built-in
 * pipeline and the three baseline rankers beside a third-party {@code --command} detector, each
 * entrant's per-case output the same as the single-dataset command gives ({@code detect},
 * {@code rank --ranker}), and the leaderboard's AC@1 recomputed here from those files and the plan.
 */
class SuiteScoreOfTheSmokeSuiteTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> RANKERS = List.of("microsim", "nsigma", "baro", "most-anomalous");

    @TempDir
    static Path tmp;
    static Path dir;
    static JsonNode plan;

    /** A third party's detector: per series, how many robust deviations (median, MAD) each value is from the series' median. */
    static final String ROBUST_Z = """
            import csv, sys, statistics
            rows = list(csv.DictReader(open(sys.argv[1])))
            by = {}
            for r in rows:
                by.setdefault(r["series"], []).append(float(r["value"]))
            centre = {s: statistics.median(v) for s, v in by.items()}
            spread = {s: statistics.median([abs(x - centre[s]) for x in v]) * 1.4826 + 1e-9 for s, v in by.items()}
            with open(sys.argv[2], "w", newline="") as out:
                w = csv.writer(out)
                w.writerow(["timestamp", "series", "score"])
                for r in rows:
                    s = r["series"]
                    w.writerow([r["timestamp"], s, round(abs(float(r["value"]) - centre[s]) / spread[s], 4)])
            """;

    static int microsim(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        out.append(err.toString());
        return code;
    }

    @BeforeAll
    static void runTheSmokeSuite() throws Exception {
        dir = tmp.resolve("smoke");
        StringWriter out = new StringWriter();
        assertThat(microsim(out, "suite", "run", SuiteRunCommandTest.smoke().toString(), "--out", dir.toString(), "--mode", "fast",
                "--no-progress")).as(out.toString()).isZero();
        plan = JSON.readTree(dir.resolve("plan.json").toFile());
    }

    @Test
    void theBuiltInPipelineAndTheBaselinesStandBesideAThirdPartyCommand() throws Exception {
        Path detector = Files.writeString(tmp.resolve("robust_z.py"), ROBUST_Z);
        StringWriter out = new StringWriter();
        assertThat(microsim(out, "suite", "score", dir.toString(), "--command", "python3 " + detector + " {input} {output}",
                "--name", "robust-z")).as(out.toString()).isZero();
        assertThat(out.toString()).contains("scored 5 entrants (microsim, nsigma, baro, most-anomalous, robust-z) over 4 cases");
        JsonNode entrants = JSON.readTree(dir.resolve("suite-score.json").toFile()).path("entrants");
        assertThat(entrants.fieldNames()).toIterable().containsExactlyInAnyOrder("microsim", "nsigma", "baro", "most-anomalous", "robust-z");

        // Detectors: the built-in pipeline and the third party predicted every case; the baselines only rank.
        for (String name : List.of("microsim", "robust-z")) {
            assertThat(entrants.path(name).path("casesWithPredictions").asInt()).as(name).isEqualTo(4);
            assertThat(entrants.path(name).path("detection").path("pooled").path("eventWise").path("recall").isNumber()).as(name).isTrue();
            assertThat(entrants.path(name).path("detectionByKind").has("latency")).as(name).isTrue();
            assertThat(entrants.path(name).path("detectionByKind").has("http-error")).as(name).isTrue();
        }
        // An 80 ms delay and 50 % 503s after a quiet minute: the built-in pipeline finds them (its tuned episode rule wants
        // 7 alarmed seconds, the suite's faults last 25 s), and so does a plain median/MAD z on some of the affected series.
        // Session 5's re-tuning (precision first: stationary series alarm at 72.8 sd) found 0.60 of the affected series'
        // events here, 0.75 or more before; the bound says "most of them", not the figure of one tuning.
        JsonNode builtIn = entrants.path("microsim").path("detection").path("pooled").path("eventWise");
        assertThat(builtIn.path("recall").asDouble()).as("built-in event recall").isGreaterThanOrEqualTo(0.5);
        assertThat(builtIn.path("f1").asDouble()).as("built-in event F1").isGreaterThan(0.5);
        assertThat(entrants.path("microsim").path("rca").path("overall").path("AC@3").asDouble()).as("built-in AC@3").isGreaterThanOrEqualTo(0.75);
        assertThat(entrants.path("robust-z").path("detection").path("pooled").path("eventWise").path("recall").asDouble())
                .as("robust-z event recall").isGreaterThan(0.3);
        assertThat(entrants.path("robust-z").has("rca")).as("the command wrote no rankings").isFalse();

        // Rankers: AC@1 over the four faults, recomputed from each entrant's ranking.json and the plan's target.
        for (String name : RANKERS) {
            JsonNode e = entrants.path(name);
            assertThat(e.path("casesWithRanking").asInt()).as(name).isEqualTo(4);
            assertThat(e.path("rca").path("overall").path("faults").asInt()).as(name).isEqualTo(4);
            int top1 = 0;
            for (JsonNode c : plan.path("cases")) {
                JsonNode ranking = JSON.readTree(dir.resolve("entrants").resolve(name).resolve(c.path("id").asText()).resolve("ranking.json").toFile());
                JsonNode ranked = ranking.elements().hasNext() ? ranking.elements().next() : JSON.createArrayNode();
                if (ranked.size() > 0 && ranked.get(0).asText().equals(c.path("target").asText())) top1++;
            }
            assertThat(e.path("rca").path("overall").path("AC@1").asDouble()).as(name + " AC@1").isCloseTo(top1 / 4.0, within(1e-9));
            assertThat(e.has("detection")).as(name).isEqualTo(name.equals("microsim"));
        }
        String md = Files.readString(dir.resolve("suite-report.md"));
        for (String name : List.of("microsim", "nsigma", "baro", "most-anomalous", "robust-z")) {
            assertThat(md).contains("| " + name + " |");
        }
        assertThat(md).contains("| latency |").contains("| http-error |").contains("baro AC@1 / AC@3").contains("robust-z event F1")
                .doesNotContain("baro event F1");
    }

    /** Each built-in entrant's files are what the single-dataset command writes for the case. */
    @Test
    void eachBuiltInEntrantIsWhatDetectAndRankWriteForTheCase() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(microsim(out, "suite", "score", dir.toString(), "--builtin", "microsim,baro")).as(out.toString()).isZero();
        String id = plan.path("cases").get(0).path("id").asText();
        Path caseDir = dir.resolve("cases").resolve(id);
        Path detect = tmp.resolve("detect-" + id);
        assertThat(microsim(out, "detect", "--dataset", caseDir.toString(), "--results", detect.toString(), "--no-progress")).as(out.toString()).isZero();
        Path microsim = dir.resolve("entrants/microsim").resolve(id);
        for (String file : List.of("alarms.csv", "scores.csv", "services.csv")) {
            assertThat(Files.mismatch(detect.resolve(file), microsim.resolve(file))).as(file).isEqualTo(-1L);
        }
        assertThat(JSON.readTree(microsim.resolve("ranking.json").toFile())).isEqualTo(JSON.readTree(detect.resolve("ranking.json").toFile()));
        Path rank = tmp.resolve("rank-" + id);
        assertThat(microsim(out, "rank", "--dataset", caseDir.toString(), "--ranker", "baro", "--out", rank.toString())).as(out.toString()).isZero();
        assertThat(JSON.readTree(dir.resolve("entrants/baro").resolve(id).resolve("ranking.json").toFile()))
                .isEqualTo(JSON.readTree(rank.resolve("ranking.json").toFile()));
        assertThat(JSON.readTree(dir.resolve("entrants/baro").resolve(id).resolve("incidents.json").toFile()).path("incidents"))
                .isEqualTo(JSON.readTree(rank.resolve("incidents.json").toFile()).path("incidents"));

        // A second score computes nothing again: the entrants' files stay as they were, and so do the scores.
        Path alarms = microsim.resolve("alarms.csv");
        FileTime before = Files.getLastModifiedTime(alarms);
        String score = Files.readString(dir.resolve("suite-score.json"));
        assertThat(microsim(out, "suite", "score", dir.toString(), "--builtin", "microsim,baro")).as(out.toString()).isZero();
        assertThat(Files.getLastModifiedTime(alarms)).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("suite-score.json"))).isEqualTo(score);
    }
}
