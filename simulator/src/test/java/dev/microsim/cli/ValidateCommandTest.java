package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void validFileExitsZeroAndSaysOk() throws Exception {
        Path f = write("ok.yaml", """
                name: ok
                duration: 1m
                services:
                  web: {endpoints: {GET /: {steps: [{compute: 1ms}]}}}
                load:
                  - {profile: constant, target: web GET /, rate: 10/s}
                """);
        assertThat(run("validate", f.toString())).isZero();
        assertThat(out.toString()).contains("ok.yaml: OK (ok: 1 services, 1 load entries, 0 faults)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalidFileExitsOneAndPrintsEveryProblem() throws Exception {
        Path f = write("bad.yaml", """
                name: bad
                duration: -1m
                services:
                  web: {endpoints: {GET /: {steps: [{compute: 1ms}, {call: dbb GET /q}]}}, replicaz: 2}
                  db: {endpoints: {GET /q: {}}}
                """);
        assertThat(run("validate", f.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                f + ":2:11: error: duration: duration must be > 0, got \"-1m\"",
                f + ":4:60: error: services.web.endpoints[\"GET /\"].steps[1].call: unknown service \"dbb\" (did you mean \"db\"?)",
                f + ":4:76: error: services.web.replicaz: unknown key \"replicaz\" (did you mean \"replicas\"?); allowed: endpoints, replicas, resources");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void warningsPassUnlessStrict() throws Exception {
        Path f = write("warn.yaml", """
                name: warn
                duration: 1m
                services:
                  web: {endpoints: {GET /: {}}}
                  orphan: {endpoints: {GET /: {}}}
                load:
                  - {profile: constant, target: web GET /, rate: 10/s}
                """);
        assertThat(run("validate", f.toString())).isZero();
        assertThat(err.toString()).contains(f + ":5:11: warning: services.orphan: service \"orphan\" is unreachable");
        assertThat(run("validate", "--strict", f.toString())).isEqualTo(1);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
        assertThat(run("validate", "--no-such-flag", "x.yaml")).isEqualTo(2);
    }

    @Test
    void missingFileIsAnInputError() {
        assertThat(run("validate", dir.resolve("nope.yaml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope.yaml: error: cannot read: no such file");
    }
}
