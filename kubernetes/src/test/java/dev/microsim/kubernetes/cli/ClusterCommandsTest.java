package dev.microsim.kubernetes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** render / deploy / status / teardown as a user runs them, against the mock server (found the way kubectl users' configs are: system properties here). */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterCommandsTest {
    KubernetesMockServer server;
    KubernetesClient client;
    static final String OB = "../scenarios/online-boutique.yaml";

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void pointAtTheMock() {
        System.setProperty("kubernetes.master", server.url("/"));
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.namespace", "default");
    }

    @AfterEach
    void forget() {
        System.clearProperty("kubernetes.master");
        System.clearProperty("kubernetes.auth.tryKubeConfig");
        System.clearProperty("kubernetes.auth.tryServiceAccount");
        System.clearProperty("kubernetes.namespace");
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void renderWritesTheManifestsAndTellsWhatToRunNext(@TempDir Path tmp) {
        Run r = run(new RenderCommand(), OB, "--out", tmp.resolve("m").toString(), "--namespace", "shop", "--image", "registry.example/microsim:1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("31 objects in 16 files").contains("(namespace shop)").contains("kubectl apply -f");
        assertThat(tmp.resolve("m/40-service-frontend.yaml")).content().contains("namespace: \"shop\"").contains("image: \"registry.example/microsim:1\"");
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlagAndABadScenarioIsAnInputError(@TempDir Path tmp) throws Exception {
        Run r = run(new RenderCommand(), OB, "--out", tmp.resolve("m").toString(), "--image-pull-policy", "Sometimes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("image pull policy: expected one of [Always, IfNotPresent, Never], got \"Sometimes\"");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "version: 1\nname: x\nduration: 10s\nservices:\n  a:\n    replicas: 0\n    endpoints: {GET /: {}}\n");
        Run b = run(new RenderCommand(), bad.toString(), "--out", tmp.resolve("n").toString());
        assertThat(b.exit()).isEqualTo(1);
        assertThat(b.err()).contains("replicas");
        assertThat(tmp.resolve("n")).doesNotExist();
    }

    @Test
    void deployStatusTeardown() {
        Run d = run(new DeployCommand(), OB, "--no-wait");
        assertThat(d.exit()).as(d.err()).isZero();
        assertThat(d.out()).contains("applying 31 objects of \"online-boutique\" to namespace microsim-online-boutique");
        assertThat(client.apps().deployments().inNamespace("microsim-online-boutique").list().getItems()).hasSize(12);

        Run s = run(new StatusCommand(), OB);
        assertThat(s.exit()).as("nothing is ready on the mock").isEqualTo(1);
        assertThat(s.out()).contains("namespace microsim-online-boutique: 0/12 deployments ready").contains("frontend").contains("0/2  not ready");

        Run w = run(new DeployCommand(), OB, "--timeout", "1s");
        assertThat(w.exit()).isEqualTo(1);
        assertThat(w.out()).contains("0/12 deployments ready; waiting for");
        assertThat(w.err()).contains("was not ready after 1 s").contains("microsim teardown " + OB);

        Run t = run(new TeardownCommand(), OB);
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("namespace microsim-online-boutique is gone");
        assertThat(client.namespaces().withName("microsim-online-boutique").get()).isNull();
        assertThat(run(new StatusCommand(), OB).out()).contains("is not deployed");
    }
}
