package dev.microsim.kubernetes.cli;

import dev.microsim.kubernetes.cluster.KubeMesh;
import dev.microsim.kubernetes.cluster.MeshStatus;
import dev.microsim.kubernetes.render.RenderedMesh;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code microsim status SCENARIO}: each Deployment of the mesh, ready replicas out of wanted, and chaos resources in force. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a deployed mesh: ready/wanted replicas per Deployment and the chaos resources in force.",
            "Exit 0 when every Deployment is ready, 1 when not (or not deployed)."})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Mixin
    RenderFlags render;

    @Mixin
    ClusterFlags cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var rendered = render.mesh(spec.commandLine(), scenarioFile, err);
        if (rendered.isEmpty()) return 1;
        RenderedMesh mesh = rendered.get();
        try (var client = cluster.client()) {
            MeshStatus s = new KubeMesh(client, mesh).status();
            if (!s.namespaceExists()) {
                out.println("microsim status: namespace " + mesh.namespace() + " does not exist: \"" + mesh.scenarioName() + "\" is not deployed");
                out.flush();
                return 1;
            }
            out.printf("namespace %s: %d/%d deployments ready, %d chaos resource(s) in force%n", s.namespace(), s.readyCount(), s.workloads().size(),
                    s.chaosResources());
            for (MeshStatus.Workload w : s.workloads()) out.printf("  %-24s %d/%d%s%n", w.name(), w.ready(), w.wanted(), w.isReady() ? "" : "  not ready");
            out.flush();
            return s.ready() ? 0 : 1;
        } catch (KubernetesClientException e) {
            err.println("microsim status: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
