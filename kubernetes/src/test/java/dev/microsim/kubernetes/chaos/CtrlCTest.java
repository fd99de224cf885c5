package dev.microsim.kubernetes.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.kubernetes.MeshFixture;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl-C (SIGINT) to a run with chaos resources applied: its shutdown hook deletes them before the JVM exits. */
@EnableKubernetesMockClient(crud = true, https = false)
class CtrlCTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void sigintToTheRunDeletesEveryChaosResourceItCreated() throws Exception {
        MeshFixture mesh = new MeshFixture(client, null);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A build started in the background without job control ignores SIGINT, the child inherits that, and a
        // JVM that starts with SIGINT ignored installs no handler for it (so no shutdown hook would run): reset it
        // to the default before exec, as an interactive shell would. perl is Debian-essential; exec keeps the pid.
        Process run = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                java, "-cp", System.getProperty("java.class.path"), InjectUntilSignalled.class.getName(),
                server.url("/")).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals("INJECTED")) seen.append(line).append('\n');
            assertThat(line).as("the child injected its faults; it said:\n" + seen).isEqualTo("INJECTED");
            assertThat(mesh.chaos()).extracting(r -> r.getKind()).containsExactlyInAnyOrder("NetworkChaos", "StressChaos");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run exits on SIGINT").isTrue();
            String rest = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).doesNotContain("NOT SIGNALLED").doesNotContain("could not recover");
            assertThat(mesh.chaos()).as("deleted by the run's shutdown hook").isEqualTo(List.of());
        } finally {
            run.destroyForcibly();
        }
    }
}
