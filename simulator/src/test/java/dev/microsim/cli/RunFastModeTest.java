package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code microsim run --mode fast}: the same scenario and dataset in virtual time, from the command line. */
class RunFastModeTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aFastRunWritesACompleteDatasetInVirtualTime(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        Path ds = tmp.resolve("ds");
        // 10 virtual minutes: far longer than a test may take in wall time.
        int code = run("run", file.toString(), "--out", ds.toString(), "--mode", "fast", "--duration", "10m", "--seed", "77", "--no-progress");
        assertThat(code).as(err.toString()).isZero();
        JsonNode m = new ObjectMapper().readTree(ds.resolve("manifest.json").toFile());
        assertThat(m.get("complete").asBoolean()).isTrue();
        assertThat(m.get("start").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(m.get("end").asText()).startsWith("2026-01-01T00:10:");
        // 40/s for 600 s, three spans each (web server, web client, api server): exactly, as a constant rate plans it.
        assertThat(m.get("counts").get("spans").get("recorded").asLong()).isEqualTo(40 * 600 * 3);
        assertThat(Files.readAllLines(ds.resolve("metrics.csv"))).anySatisfy(l -> assertThat(l).contains(",api,,replicas_up,2"));
        JsonNode fault = new ObjectMapper().readTree(ds.resolve("labels.json").toFile()).get("faults").get(0);
        assertThat(fault.get("actual").get("start").asText()).isEqualTo("2026-01-01T00:00:01.000Z");
        assertThat(out.toString()).contains("virtual time").contains("client:").contains("dropped 0 records");
    }

    @Test
    void metricsOnlyLeavesTracesAndLogsEmpty(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        Path ds = tmp.resolve("ds");
        assertThat(run("run", file.toString(), "--out", ds.toString(), "--mode", "fast", "--no-traces", "--no-logs", "--no-progress")).isZero();
        assertThat(Files.size(ds.resolve("traces.jsonl"))).isZero();
        assertThat(Files.size(ds.resolve("logs.jsonl"))).isZero();
        assertThat(Files.readAllLines(ds.resolve("metrics.csv"))).hasSizeGreaterThan(100);
    }

    @Test
    void anUnknownModeOrALiveExportInFastModeIsAUsageError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        assertThat(run("run", file.toString(), "--out", tmp.resolve("a").toString(), "--mode", "warp")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode").contains("warp");
        assertThat(run("run", file.toString(), "--out", tmp.resolve("b").toString(), "--mode", "fast", "--prometheus", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--prometheus");
        assertThat(Files.exists(tmp.resolve("a"))).isFalse();
        assertThat(Files.exists(tmp.resolve("b"))).isFalse();
    }
}
