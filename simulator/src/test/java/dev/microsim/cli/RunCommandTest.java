package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    static final String SCENARIO = """
            version: 1
            name: tiny
            duration: 30s
            services:
              web:
                endpoints:
                  GET /home:
                    steps:
                      - compute: 200us
                      - call: api GET /data
              api:
                replicas: 2
                endpoints:
                  GET /data:
                    steps:
                      - sleep: 2ms
            load:
              - name: steady
                target: web GET /home
                profile: constant
                rate: 40/s
            faults:
              - id: api-slow
                kind: latency
                target: api
                at: 1s
                duration: 1s
                delay: 50ms
            """;

    final ObjectMapper json = new ObjectMapper();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesACompleteDatasetAndASummary(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = tmp.resolve("ds");
        // "local" is the live mode's old name, still accepted.
        int code = run("run", file.toString(), "--out", ds.toString(), "--duration", "3s", "--seed", "77", "--load", "builtin", "--mode", "local");
        assertThat(code).as(err.toString()).isZero();
        JsonNode m = json.readTree(ds.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).isTrue();
        assertThat(m.get("seed").asLong()).isEqualTo(77);
        assertThat(m.get("counts").get("spans").get("recorded").asLong()).isGreaterThan(100);
        assertThat(Files.readString(ds.resolve("scenario.yaml"))).contains("77").contains("3s");
        assertThat(Files.readAllLines(ds.resolve("load.csv"))).anySatisfy(l -> assertThat(l).contains("web GET /home,requests,"));
        assertThat(Files.readAllLines(ds.resolve("metrics.csv"))).anySatisfy(l -> assertThat(l).contains(",api,,replicas_up,2"));
        JsonNode fault = json.readTree(ds.resolve("labels.json").toFile()).get("faults").get(0);
        assertThat(fault.get("id").asText()).isEqualTo("api-slow");
        assertThat(fault.get("actual").get("start").isTextual()).isTrue();
        assertThat(fault.get("actual").get("end").isTextual()).isTrue();
        // The fault acted: api's p95 latency went above its 2 ms sleep plus the 50 ms delay in some interval.
        assertThat(Files.readAllLines(ds.resolve("metrics.csv"))).anySatisfy(l -> {
            assertThat(l).contains(",api,GET /data,latency_p95_ms,");
            assertThat(Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).isGreaterThan(50);
        });
        // Ground truth never leaks into telemetry files.
        assertThat(Files.readString(ds.resolve("traces.jsonl")) + Files.readString(ds.resolve("logs.jsonl"))).doesNotContain("api-slow");
        assertThat(out.toString()).contains("client:").contains("dropped 0 records");
        // The control API's token used to be printed, and so ended up in CI logs: only the file that holds it is named.
        assertThat(out.toString() + err).contains("(its token is in " + ds.resolve("control.json") + ")").doesNotContainPattern("[0-9a-f]{32}");
    }

    @Test
    void warmUpIsAFlagOfPodsModeOnlyAndNeverNegative(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        assertThat(run("run", file.toString(), "--out", tmp.resolve("a").toString(), "--mode", "fast", "--warm-up", "10s")).isEqualTo(2);
        assertThat(err.toString()).contains("--warm-up 10s is for --mode pods, not --mode fast");
        assertThat(run("run", file.toString(), "--out", tmp.resolve("b").toString(), "--mode", "pods", "--warm-up", "-3s")).isEqualTo(2);
        assertThat(err.toString()).contains("--warm-up").contains("must be 0s or more, got \"-3s\"");
        assertThat(Files.exists(tmp.resolve("a"))).as("nothing written").isFalse();
    }

    /**
     * The pods' program is resolved where the pods target is built, from the environment: a jar that is
     * not there is still a usage error naming the variable and its value, and comes before --force clears
     * anything (a child JVM, for its own environment).
     */
    @Test
    void aMissingServeJarIsAUsageErrorBeforeForceTouchesTheOutDirectory(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = Files.createDirectories(tmp.resolve("ds"));
        Files.writeString(ds.resolve("manifest.json"), "{\"complete\": true}");
        String missing = tmp.resolve("serve/target/quarkus-app/quarkus-run.jar").toString();
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", file.toString(), "--out", ds.toString(), "--mode", "pods", "--force", "--no-progress")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
        child.environment().put("MICROSIM_SERVE_JAR", missing);
        Process p = child.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("child.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(2);
        assertThat(log).contains("MICROSIM_SERVE_JAR=" + missing + ": no such file");
        assertThat(ds.resolve("manifest.json")).as("--force cleared nothing").hasContent("{\"complete\": true}");
    }

    @Test
    void anInvalidScenarioExitsWith1NamingTheProblem(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.yaml"), SCENARIO.replace("call: api GET /data", "call: apx GET /data"));
        assertThat(run("run", file.toString(), "--out", tmp.resolve("ds").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("apx");
    }

    @Test
    void anOutputThatIsAFileFailsWithAClearMessage(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path notADir = Files.writeString(tmp.resolve("taken"), "x");
        assertThat(run("run", file.toString(), "--out", notADir.toString(), "--load", "builtin")).isEqualTo(1);
        assertThat(err.toString()).contains("--out").contains("taken");
    }

    /** --out used to overwrite an earlier dataset silently, and to mix a dataset into a user's files. */
    @Test
    void aDirectoryThatHoldsFilesIsRefusedUnlessForced(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = tmp.resolve("ds");
        String[] fast = {"--mode", "fast", "--duration", "3s", "--no-progress"};
        assertThat(run(concat(new String[] {"run", file.toString(), "--out", ds.toString()}, fast))).as(err.toString()).isZero();
        byte[] manifest = Files.readAllBytes(ds.resolve("manifest.json"));

        assertThat(run(concat(new String[] {"run", file.toString(), "--out", ds.toString(), "--seed", "5"}, fast))).isEqualTo(1);
        assertThat(err.toString()).contains("microsim run: --out " + ds + " already holds a dataset; choose a new directory, or --force");
        assertThat(Files.readAllBytes(ds.resolve("manifest.json"))).as("the earlier dataset is untouched").isEqualTo(manifest);

        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThat(run(concat(new String[] {"run", file.toString(), "--out", mine.toString()}, fast))).isEqualTo(1);
        assertThat(err.toString()).contains("--out " + mine + " is not empty (notes.txt)");
        try (var files = Files.list(mine)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }

        assertThat(run(concat(new String[] {"run", file.toString(), "--out", ds.toString(), "--seed", "5", "--force"}, fast)))
                .as(err.toString()).isZero();
        JsonNode replaced = json.readTree(ds.resolve("manifest.json").toFile());
        assertThat(replaced.get("complete").asBoolean()).isTrue();
        assertThat(replaced.get("seed").asLong()).isEqualTo(5);
    }

    /** Replacing the ledger of a run that died with a fault applied would lose what recover has to clean up. */
    @Test
    void forceStillRefusesADeadRunsAppliedFaults(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = Files.createDirectories(tmp.resolve("ds"));
        Files.writeString(ds.resolve("faults.applied.json"), "{\"pid\": 1, \"aliveAt\": \"2026-11-24T15:00:00Z\", \"applied\": [{\"id\": \"api-slow\"}]}");
        assertThat(run("run", file.toString(), "--out", ds.toString(), "--mode", "fast", "--duration", "3s", "--force")).isEqualTo(1);
        assertThat(err.toString()).contains("died with faults applied (api-slow); run `microsim recover --dataset " + ds + "` first");
        assertThat(ds.resolve("manifest.json")).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aBadFlagIsAUsageError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        assertThat(run("run", file.toString(), "--out", tmp.toString(), "--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("soon");
        assertThat(run("run", file.toString())).isEqualTo(2); // --out missing
        assertThat(run("run", file.toString(), "--out", tmp.resolve("w").toString(), "--mode", "warp")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode: expected live, fast, pods or kubernetes, got \"warp\"");
    }

    /** -5s used to be a stack trace with exit 1, and 99999999999999d an overflow. */
    @Test
    void aNegativeOrHugeDurationIsAUsageErrorNamingTheValue(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = tmp.resolve("ds");
        assertThat(run("run", file.toString(), "--out", ds.toString(), "--duration", "-5s")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration").contains("must be > 0, got \"-5s\"");
        assertThat(run("run", file.toString(), "--out", ds.toString(), "--duration", "99999999999999d")).isEqualTo(2);
        assertThat(err.toString()).contains("duration \"99999999999999d\" is too long");
        assertThat(run("run", file.toString(), "--out", ds.toString(), "--duration", "31d")).isEqualTo(2);
        assertThat(err.toString()).contains("must be at most 30d, got \"31d\"");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(ds).doesNotExist();
    }

    /** The override used to skip the window check, cut the fault and write a scenario.yaml that no longer validated. */
    @Test
    void aDurationShorterThanAFaultWindowIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = tmp.resolve("ds");
        assertThat(run("run", file.toString(), "--out", ds.toString(), "--duration", "1500ms", "--load", "builtin")).isEqualTo(1);
        assertThat(err.toString()).contains("faults[0].duration: fault window 1s..2s ends after --duration 1500ms");
        assertThat(ds).doesNotExist();
    }

    @Test
    void aKilledRunLeavesADatasetMarkedIncompleteWithAReason(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SCENARIO);
        Path ds = tmp.resolve("ds");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", file.toString(), "--out", ds.toString(), "--duration", "60s", "--load", "builtin", "--no-progress"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            // Wait until the run is recording (bounded), then SIGTERM it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < deadline && !(Files.exists(ds.resolve("metrics.csv")) && Files.size(ds.resolve("traces.jsonl")) > 0)) {
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        JsonNode m = json.readTree(ds.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).as(Files.readString(tmp.resolve("child.log"))).isFalse();
        assertThat(m.get("incompleteReason").asText()).contains("interrupted");
        // There used to be no closing line after SIGTERM: the run just stopped talking.
        assertThat(Files.readString(tmp.resolve("child.log"))).containsPattern("microsim: interrupted by a signal \\(Ctrl-C or SIGTERM\\) after \\d+ s; "
                + "faults recovered, dataset .* marked incomplete");
    }
}
