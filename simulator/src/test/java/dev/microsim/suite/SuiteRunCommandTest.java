package dev.microsim.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import dev.microsim.faults.schedule.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code microsim suite run} end to end: the shipped smoke suite's cases really run, in fast mode (seconds). */
class SuiteRunCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int suite(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "suite";
        System.arraycopy(args, 0, full, 1, args.length);
        return cl.execute(full);
    }

    static Path smoke() {
        return SuitePlanTest.suites().resolve("smoke.yaml");
    }

    @Test
    void theSmokeSuiteRunsEveryCaseAndEachCaseShowsItsFault(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("smoke");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--mode", "fast")).as(out + "\n" + err).isZero();
        // Not a terminal: a progress line per finished case instead of the bar.
        assertThat(out.toString()).contains("suite: [4/4] ").contains("] minimal--db--latency-high--s1 done");
        JsonNode plan = JSON.readTree(dir.resolve("plan.json").toFile());
        assertThat(plan.get("mode").asText()).isEqualTo("fast");
        assertThat(plan.get("cases")).hasSize(4);
        for (JsonNode c : plan.get("cases")) {
            Path ds = dir.resolve(c.get("dir").asText());
            JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
            assertThat(manifest.get("complete").asBoolean()).as(c.get("id").asText()).isTrue();
            JsonNode fault = JSON.readTree(ds.resolve("labels.json").toFile()).get("faults");
            assertThat(fault).hasSize(1);
            assertThat(fault.get(0).get("kind").asText()).isEqualTo(c.get("kind").asText());
            // The suite's fault acts from 60 s to 85 s: compare its target's intervals before it with those inside it.
            Instant[] w = window(ds);
            String target = c.get("target").asText();
            if (c.get("kind").asText().equals("latency")) {
                double before = rows(ds, target, "latency_p50_ms", Instant.EPOCH, w[0]).average().orElseThrow();
                double inside = rows(ds, target, "latency_p50_ms", w[0], w[1]).average().orElseThrow();
                assertThat(inside).as(c.get("id").asText()).isGreaterThan(before + 60); // an 80 ms delay
            } else {
                // Per second: a 0.1 % base error rate before it, half of about 20 requests/s inside it.
                assertThat(rows(ds, target, "errors", Instant.EPOCH, w[0]).average().orElseThrow()).as(c.get("id").asText()).isLessThan(0.2);
                assertThat(rows(ds, target, "errors", w[0], w[1]).average().orElseThrow()).as(c.get("id").asText()).isGreaterThan(5);
            }
        }
        assertThat(SuiteRunner.failures(dir)).isEmpty();
        assertThat(out.toString()).contains("4 of 4 cases finished (4 now, 0 before)");

        // Again: nothing to do, nothing touched.
        long modified = Files.getLastModifiedTime(dir.resolve(plan.get("cases").get(0).get("dir").asText()).resolve("metrics.csv")).toMillis();
        out.getBuffer().setLength(0);
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--mode", "fast", "--no-progress")).isZero();
        assertThat(out.toString()).contains("4 of 4 cases finished (0 now, 4 before)");
        assertThat(Files.getLastModifiedTime(dir.resolve(plan.get("cases").get(0).get("dir").asText()).resolve("metrics.csv")).toMillis())
                .isEqualTo(modified);
    }

    @Test
    void aLiveCaseRunsTheMeshForRealAndItsFaultShows(@TempDir Path tmp) throws Exception {
        // One short live case (6 s of real load through real HTTP): the live engine behind the same suite run.
        Files.copy(smoke().resolveSibling("../minimal.yaml"), tmp.resolve("minimal.yaml"));
        Path file = Files.writeString(tmp.resolve("smoke.yaml"), Files.readString(smoke()).replace("../minimal.yaml", "minimal.yaml")
                .replace("duration: 100s", "duration: 6s").replace("fault: {at: 60s, duration: 25s}", "fault: {at: 2s, duration: 2s}")
                .replace("delay: 80ms", "delay: 400ms"));
        Path dir = tmp.resolve("live");
        assertThat(suite("run", file.toString(), "--out", dir.toString(), "--cases", "--api--latency", "--no-progress"))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("live mode").contains("1 of 1 cases finished");
        Path ds = dir.resolve("cases/minimal--api--latency-high--s1");
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.get("complete").asBoolean()).isTrue();
        assertThat(JSON.readTree(dir.resolve("plan.json").toFile()).get("mode").asText()).isEqualTo("live");
        // Every api request in the window waits the 400 ms delay: a floor whatever the machine's load. After it, the
        // mesh is warm (a cold JVM on a busy machine is slow before it) and back well below the delay.
        Instant[] w = window(ds);
        assertThat(rows(ds, "api", "latency_p50_ms", w[0], w[1]).average().orElseThrow()).isGreaterThan(380);
        assertThat(rows(ds, "api", "latency_p50_ms", w[1], Instant.MAX).min().orElseThrow()).isLessThan(300);
        assertThat(Files.readString(dir.resolve("logs/minimal--api--latency-high--s1.log"))).contains("complete");
    }

    @Test
    void aDirectoryOfFastCasesRefusesLiveOnes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("smoke");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--mode", "fast", "--cases", "--api--latency", "--no-progress"))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("1 of 1 cases finished").contains("3 cases not selected");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--mode", "live", "--no-progress")).isEqualTo(1);
        assertThat(err.toString()).contains("fast-mode cases").contains("live");
    }

    @Test
    void badFlagsAreUsageErrorsThatRunNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("none");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--mode", "warp")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode").contains("warp");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--parallel", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--parallel").contains("\"0\"");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--cases", "nothing-like-this")).isEqualTo(2);
        assertThat(err.toString()).contains("--cases").contains("matches none of the suite's 4 case ids");
        assertThat(suite("run", smoke().toString(), "--out", dir.toString(), "--cases", "([")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a regular expression");
        assertThat(Files.exists(dir)).isFalse();
    }

    /**
     * Issue 15's resume test: a suite run killed (SIGKILL, no shutdown hook) after its first case
     * finished, then run again, redoes only the unfinished cases, leaves the finished ones untouched,
     * and ends with the very files of an uninterrupted run (fast mode is byte-identical per seed),
     * so every score of the two is the same.
     */
    @Test
    void aKilledSuiteResumesWithoutRedoingFinishedCasesAndEndsAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        // 5-minute cases, one at a time, so the kill (at most 10 ms after the first case is complete) lands before the
        // last one is: fast mode is quick (the smoke suite's four 100 s cases finish in under a second of wall time),
        // and 24 s cases left a faster engine little room. Three load targets and a two-parameter fault: their order
        // in load.csv and labels.json must not change from JVM to JVM.
        Files.writeString(tmp.resolve("minimal.yaml"), Files.readString(smoke().resolveSibling("../minimal.yaml")).replace("faults:", """
                  - {name: direct, profile: constant, rate: 5/s, target: api GET /items}
                  - {name: raw, profile: constant, rate: 5/s, target: db GET /query}

                faults:"""));
        Path file = Files.writeString(tmp.resolve("smoke.yaml"), Files.readString(smoke()).replace("../minimal.yaml", "minimal.yaml")
                .replace("duration: 100s", "duration: 5m").replace("fault: {at: 60s, duration: 25s}", "fault: {at: 4s, duration: 5s}")
                .replace("mode: live", "mode: fast")
                .replace("high: {delay: 80ms}", "high: {delay: 80ms, jitter: 5ms}"));
        Path killed = tmp.resolve("killed");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "suite", "run", file.toString(), "--out", killed.toString(), "--parallel", "1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && p.isAlive() && completeCases(killed).isEmpty()) {
                Thread.sleep(10);
            }
            p.destroyForcibly();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> finishedBefore = completeCases(killed);
        assertThat(finishedBefore).as(Files.readString(tmp.resolve("child.log"))).isNotEmpty().hasSizeLessThan(4);
        java.util.Map<Path, Long> touched = new java.util.HashMap<>();
        for (String id : finishedBefore) {
            Path ds = killed.resolve("cases").resolve(id);
            // A kill that lands after the case's manifest says complete but before its run lock is released leaves
            // a stale run.lock: the resume removes it (not a dataset file), so it is not among the untouched files.
            for (Path f : files(ds)) {
                if (f.toString().equals(RunLock.FILE)) continue;
                touched.put(ds.resolve(f), Files.getLastModifiedTime(ds.resolve(f)).toMillis());
            }
        }

        assertThat(suite("run", file.toString(), "--out", killed.toString(), "--no-progress")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("4 of 4 cases finished (" + (4 - finishedBefore.size()) + " now, " + finishedBefore.size() + " before)");
        for (var e : touched.entrySet()) {
            assertThat(Files.getLastModifiedTime(e.getKey()).toMillis()).as(e.getKey().toString()).isEqualTo(e.getValue());
        }
        for (String id : finishedBefore) {
            assertThat(killed.resolve("cases").resolve(id).resolve(RunLock.FILE)).doesNotExist();
        }

        Path whole = tmp.resolve("whole");
        assertThat(suite("run", file.toString(), "--out", whole.toString(), "--no-progress")).as(out + "\n" + err).isZero();
        List<Path> files = files(whole.resolve("cases"));
        assertThat(files(killed.resolve("cases"))).isEqualTo(files);
        assertThat(files).hasSizeGreaterThan(4 * 5);
        for (Path f : files) {
            assertThat(Files.mismatch(killed.resolve("cases").resolve(f), whole.resolve("cases").resolve(f))).as(f.toString()).isEqualTo(-1L);
        }
    }

    @Test
    void aSigtermStopsTheSuiteWithTheRunningCaseMarkedIncompleteAndItsFaultRecovered(@TempDir Path tmp) throws Exception {
        // 10-minute cases with the fault in force for most of them: SIGTERM lands inside the first case, during its fault.
        Files.copy(smoke().resolveSibling("../minimal.yaml"), tmp.resolve("minimal.yaml"));
        Path file = Files.writeString(tmp.resolve("smoke.yaml"), Files.readString(smoke()).replace("../minimal.yaml", "minimal.yaml")
                .replace("duration: 100s", "duration: 10m").replace("fault: {at: 60s, duration: 25s}", "fault: {at: 1s, duration: 9m}"));
        Path dir = tmp.resolve("stopped");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "suite", "run", file.toString(), "--out", dir.toString(), "--mode", "fast", "--parallel", "1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path first = dir.resolve("cases/minimal--api--latency-high--s1");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && p.isAlive()
                    && !(Files.isRegularFile(first.resolve("metrics.csv")) && Files.size(first.resolve("metrics.csv")) > 20_000)) {
                Thread.sleep(20);
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("child.log"));
        JsonNode manifest = JSON.readTree(first.resolve("manifest.json").toFile());
        assertThat(manifest.get("complete").asBoolean()).as(log).isFalse();
        assertThat(manifest.get("incompleteReason").asText()).as(log).contains("interrupted by a signal");
        JsonNode fault = JSON.readTree(first.resolve("labels.json").toFile()).get("faults").get(0);
        assertThat(fault.get("actual").get("end").isTextual()).as("the fault was recovered: " + fault).isTrue();
        assertThat(completeCases(dir)).isEmpty();
        assertThat(SuiteRunner.failures(dir)).isEmpty(); // stopped, not failed
        assertThat(Files.exists(dir.resolve("cases/minimal--db--http-error-high--s1"))).isFalse(); // no other case started
    }

    /** Ids of the cases in {@code dir} whose manifest says complete. */
    static List<String> completeCases(Path dir) throws IOException {
        Path cases = dir.resolve("cases");
        if (!Files.isDirectory(cases)) return List.of();
        try (Stream<Path> s = Files.list(cases)) {
            return s.filter(SuiteRunner::complete).map(c -> c.getFileName().toString()).sorted().toList();
        }
    }

    /** The case's one fault's planned window, from its labels. */
    static Instant[] window(Path ds) throws IOException {
        JsonNode planned = JSON.readTree(ds.resolve("labels.json").toFile()).get("faults").get(0).get("planned");
        return new Instant[] {Instant.parse(planned.get("start").asText()), Instant.parse(planned.get("end").asText())};
    }

    /** {@code service}'s endpoint-level {@code metric} over the intervals stamped in [from, to). */
    static DoubleStream rows(Path ds, String service, String metric, Instant from, Instant to) throws IOException {
        List<String> lines = Files.readAllLines(ds.resolve("metrics.csv"));
        return lines.stream().skip(1).map(l -> l.split(",", -1))
                .filter(f -> f[1].equals(service) && f[3].equals(metric) && !f[4].isEmpty())
                .filter(f -> {
                    Instant at = Instant.parse(f[0]);
                    return !at.isBefore(from) && at.isBefore(to);
                })
                .mapToDouble(f -> Double.parseDouble(f[4]));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
