package dev.microsim.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.microsim.kubernetes.Scenarios;
import dev.microsim.kubernetes.chaos.ChaosKind;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl apply --dry-run=client} (Debian's kubernetes-client, installed by .ci/run and
 * named by MICROSIM_KUBECTL) accepts the rendered manifests. kubectl needs an API server even for
 * a client-side dry run (it maps kinds to resources through discovery and looks up each object),
 * so it talks to the fabric8 mock server, which is given the discovery documents of the groups
 * the manifests use. Schema validation is off (--validate=false): the mock has no OpenAPI document;
 * {@link RenderedObjectsTest} checks every field against fabric8's typed model instead.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubectlDryRunTest {
    KubernetesMockServer server;

    @Test
    void kubectlAcceptsEveryRenderedObjectOfOnlineBoutique(@TempDir Path tmp) throws Exception {
        String kubectl = kubectl();
        serveDiscovery();
        Path out = tmp.resolve("manifests");
        RenderedMesh mesh = new MeshRenderer(RenderOptions.defaults()).render(Scenarios.example("online-boutique.yaml"));
        ManifestWriter.write(mesh, out);
        Result r = run(tmp, kubectl, "apply", "--dry-run=client", "--validate=false", "-f", out.toString());
        assertThat(r.exit).as(r.output).isZero();
        List<String> created = r.output.lines().filter(l -> l.endsWith("created (dry run)")).toList();
        assertThat(created).as(r.output).hasSize(mesh.objects().size());
        assertThat(r.output).contains("namespace/microsim-online-boutique created (dry run)", "deployment.apps/frontend created (dry run)",
                "job.batch/microsim-load created (dry run)", "role.rbac.authorization.k8s.io/microsim-injector created (dry run)");
    }

    @Test
    void kubectlRefusesAKindTheClusterDoesNotServe(@TempDir Path tmp) throws Exception {
        // The check above can fail: an object of an unknown kind is an error, not a silent pass.
        String kubectl = kubectl();
        serveDiscovery();
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: apps/v1\nkind: Deploymant\nmetadata:\n  name: web\n  namespace: demo\n");
        Result r = run(tmp, kubectl, "apply", "--dry-run=client", "--validate=false", "-f", bad.toString());
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("Deploymant");
    }

    static String kubectl() {
        String env = System.getenv("MICROSIM_KUBECTL");
        if (env != null && !env.isBlank()) {
            assertThat(Path.of(env)).as("MICROSIM_KUBECTL (set by .ci/run) must be an executable kubectl").isExecutable();
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) return Path.of(dir, "kubectl").toString();
        }
        assumeTrue(false, "no kubectl: set MICROSIM_KUBECTL or run .ci/install-kubectl (Debian's kubernetes-client)");
        return null;
    }

    record Result(int exit, String output) {}

    Result run(Path tmp, String kubectl, String... args) throws IOException, InterruptedException {
        Path config = tmp.resolve("kubeconfig");
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: mock, user: {token: test}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock}}]
                current-context: mock
                """.formatted(server.url("/").replaceAll("/$", "")));
        List<String> cmd = new ArrayList<>(List.of(kubectl, "--kubeconfig", config.toString(), "--cache-dir", tmp.resolve("cache").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    /** The discovery documents of the groups and kinds the manifests and the chaos resources use. */
    void serveDiscovery() {
        discovery("/api", new APIVersionsBuilder().withVersions("v1").build());
        Map<String, List<APIResource>> groups = Map.of(
                "apps/v1", List.of(res("deployments", "Deployment")),
                "batch/v1", List.of(res("jobs", "Job")),
                "rbac.authorization.k8s.io/v1", List.of(res("roles", "Role"), res("rolebindings", "RoleBinding")),
                ChaosKind.GROUP + "/" + ChaosKind.VERSION, java.util.Arrays.stream(ChaosKind.values()).map(k -> res(k.plural(), k.kind())).toList());
        var list = new APIGroupListBuilder();
        groups.keySet().stream().sorted().forEach(gv -> {
            String g = gv.substring(0, gv.indexOf('/'));
            list.addToGroups(new APIGroupBuilder().withName(g).addNewVersion().withGroupVersion(gv).withVersion(gv.substring(gv.indexOf('/') + 1)).endVersion()
                    .withNewPreferredVersion().withGroupVersion(gv).withVersion(gv.substring(gv.indexOf('/') + 1)).endPreferredVersion().build());
            discovery("/apis/" + gv, new APIResourceListBuilder().withGroupVersion(gv).withResources(groups.get(gv)).build());
        });
        discovery("/apis", list.build());
        var core = new APIResourceListBuilder().withGroupVersion("v1").withResources(
                clusterScoped(res("namespaces", "Namespace")), res("configmaps", "ConfigMap"), res("services", "Service"),
                res("serviceaccounts", "ServiceAccount"), res("secrets", "Secret"), res("pods", "Pod")).build();
        discovery("/api/v1", core);
    }

    /** kubectl's discovery client asks with its own timeout in the query; the mock matches paths with their query. */
    private void discovery(String path, Object document) {
        server.expect().get().withPath(path).andReturn(200, document).always();
        server.expect().get().withPath(path + "?timeout=32s").andReturn(200, document).always();
    }

    private static APIResource res(String plural, String kind) {
        return new APIResourceBuilder().withName(plural).withKind(kind).withNamespaced(true)
                .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build();
    }

    private static APIResource clusterScoped(APIResource r) {
        r.setNamespaced(false);
        return r;
    }
}
