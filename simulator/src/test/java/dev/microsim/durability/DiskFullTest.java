package dev.microsim.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A full disk mid-run: traces.jsonl is /dev/full, so every write of it fails with the kernel's
 * ENOSPC. The run must stop at once (not go on for its 60 s with a stack trace), recover its
 * fault, and leave a manifest saying why the dataset is incomplete, and labels.json.
 */
class DiskFullTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFullDiskStopsTheRunCleanlyRecoversItsFaultsAndSaysWhy(@TempDir Path work) throws Exception {
        Path ds = Files.createDirectories(work.resolve("ds"));
        Files.createSymbolicLink(ds.resolve("traces.jsonl"), Path.of("/dev/full"));
        Process p = ChildRun.start(work, SigkillTest.SCENARIO, ds, "--force"); // --force: ds already holds the /dev/full link
        try {
            assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("the run stops long before its 60 s").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = ChildRun.log(work);
        assertThat(p.exitValue()).as(log).isEqualTo(1);
        assertThat(log).contains("microsim run: writing traces.jsonl failed: No space left on device");
        assertThat(log).as("the write failure is a message, not a stack trace").doesNotContain("DatasetWriteException").doesNotContain("at dev.microsim.recorder");
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean(true)).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).contains("No space left on device");
        assertThat(JSON.readTree(ds.resolve("faults.applied.json").toFile()).path("applied")).as("no fault left applied").isEmpty();
        JsonNode fault = JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        assertThat(fault.path("actual").path("end").isTextual()).as("the fault was recovered and its end recorded").isTrue();
        assertThat(ds.resolve("control.json")).doesNotExist();
    }

    /**
     * The same in fast mode, where the whole run can end before the writer thread meets the full disk:
     * the run must still not report success on a dataset whose last writes failed.
     */
    @Test
    void aFullDiskFailsAFastRunTooAndItsFaultsEndRecorded(@TempDir Path work) throws Exception {
        Path ds = Files.createDirectories(work.resolve("ds"));
        Files.createSymbolicLink(ds.resolve("traces.jsonl"), Path.of("/dev/full"));
        Path scenario = Files.writeString(work.resolve("scenario.yaml"), SigkillTest.SCENARIO);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", scenario.toString(), "--out", ds.toString(), "--mode", "fast", "--no-progress", "--force");
        String log = err.toString();
        assertThat(code).as(log).isEqualTo(1);
        assertThat(log).contains("writing traces.jsonl failed: No space left on device").doesNotContain("at dev.microsim");
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean(true)).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).contains("traces.jsonl").contains("No space left on device");
        // Fast mode keeps no ledger (its faults live in virtual time inside this JVM); the label must still be closed.
        JsonNode fault = JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        assertThat(fault.path("actual").path("end").isTextual()).as("the fault's end is recorded").isTrue();
        assertThat(ds.resolve("run.lock")).doesNotExist();
    }
}
