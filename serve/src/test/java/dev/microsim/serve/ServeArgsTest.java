package dev.microsim.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Quarkus pod runtime takes exactly microsim serve's flags, checked before Quarkus starts, every problem at once. */
class ServeArgsTest {
    @TempDir
    Path dir;

    @Test
    void badFlagsAreAllReportedAtOnce() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "short");
        ServeArgs.Checked c = ServeArgs.check(List.of("--scenario", "src/test/resources/pod.yaml", "--service", "ghost", "--port", "70000",
                "--token-file", token.toString(), "--otlp", "collector:4318"));
        assertThat(c.plan()).isNull();
        assertThat(String.join("\n", c.problems()))
                .contains("--service: no service \"ghost\"")
                .contains("--port must be 0..65535, got 70000")
                .contains("the control token must have at least 16 characters, it has 5")
                .contains("--otlp: expected an http(s)://HOST:PORT URL, got \"collector:4318\"");
    }

    @Test
    void goodFlagsGiveThePodsPlan() {
        ServeArgs.Checked c = ServeArgs.check(List.of("--scenario", "src/test/resources/pod.yaml", "--service", "front", "--port", "0",
                "--control-port", "0", "--token-file", "src/test/resources/control-token", "--callee", "db=127.0.0.1:7001"));
        assertThat(c.problems()).isEmpty();
        assertThat(c.plan().settings().service()).isEqualTo("front");
        assertThat(c.plan().settings().instance()).isEqualTo("front-0");
        assertThat(c.plan().settings().callees()).containsKey("db");
        assertThat(c.plan().otlp()).isNull();
    }
}
