package dev.microsim.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) to {@code microsim run --mode pods|kubernetes} in its own JVM, in the middle of
 * the run: its shutdown hooks tear the mesh down before the JVM ends (every pod process gone; the
 * namespace deleted from the mock API server), and the dataset is marked incomplete.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RunCtrlCTest {
    static final String SCENARIO = """
            version: 1
            name: ctrl-c
            duration: 60s
            services:
              front:
                endpoints:
                  GET /x:
                    steps:
                      - call: db GET /q
              db:
                endpoints:
                  GET /q: {steps: [{io: 1ms}]}
            load:
              - {profile: constant, rate: 10/s, target: front GET /x}
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    Process run(List<String> args, Path log, String kubeconfig) throws Exception {
        Path scenario = dir.resolve("ctrl-c.yaml");
        Files.writeString(scenario, SCENARIO);
        // A build started in the background without job control ignores SIGINT, and a JVM that starts with it
        // ignored installs no handler: reset it to the default before exec, as CtrlCTest does (perl keeps the pid).
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                scenario.toString(), "--out", dir.resolve("ds").toString(), "--no-progress"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (kubeconfig != null) pb.environment().put("KUBECONFIG", kubeconfig);
        return pb.start();
    }

    static void awaitLine(Process p, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive() && !Files.readString(log).contains(text)) Thread.sleep(50);
        assertThat(Files.readString(log)).as("the run said \"" + text + "\"").contains(text);
    }

    static void sigint(Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor()).isZero();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the run exits on SIGINT").isTrue();
    }

    void assertIncomplete() throws Exception {
        JsonNode manifest = JSON.readTree(dir.resolve("ds/manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean()).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).contains("interrupted by a signal");
    }

    @Test
    void ctrlCToAPodsRunStopsEveryPodProcess() throws Exception {
        Path log = dir.resolve("run.log");
        Process run = run(List.of("--mode", "pods", "--warm-up", "2s"), log, null);
        try {
            awaitLine(run, log, "load started");
            List<ProcessHandle> pods = run.toHandle().descendants().toList();
            assertThat(pods).as("two pods and the load").hasSizeGreaterThanOrEqualTo(3);
            sigint(run);
            for (ProcessHandle h : pods) h.onExit().get(30, TimeUnit.SECONDS);
            assertThat(pods).as("every pod and the load stopped with the run").noneMatch(ProcessHandle::isAlive);
            assertIncomplete();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void ctrlCToAKubernetesRunDeletesTheMesh() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: mock, user: {token: mock}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock}}]
                current-context: mock
                """.formatted(server.url("/")));
        int port = KubernetesRunTest.freePort();
        Path log = dir.resolve("run.log");
        Process run = run(List.of("--mode", "kubernetes", "--recorder", "http://127.0.0.1:" + port, "--listen", "127.0.0.1:" + port), log,
                kubeconfig.toString());
        String ns = "microsim-ctrl-c";
        try {
            var deployments = client.apps().deployments().inNamespace(ns);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && run.isAlive() && deployments.list().getItems().size() < 3) Thread.sleep(50);
            for (Deployment d : deployments.list().getItems()) {
                d.setStatus(new DeploymentStatusBuilder().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas()).build());
                deployments.resource(d).updateStatus();
            }
            var job = client.batch().v1().jobs().inNamespace(ns).withName("microsim-load");
            while (System.nanoTime() < deadline && run.isAlive() && (job.get() == null || !Boolean.FALSE.equals(job.get().getSpec().getSuspend()))) {
                Thread.sleep(50);
            }
            assertThat(job.get().getSpec().getSuspend()).as("the run resumed the load Job; it said: " + Files.readString(log)).isFalse();
            sigint(run);
            assertThat(client.namespaces().withName(ns).get()).as("the namespace, deleted by the run's shutdown hook; it said: " + Files.readString(log))
                    .isNull();
            assertIncomplete();
        } finally {
            run.destroyForcibly();
        }
    }
}
