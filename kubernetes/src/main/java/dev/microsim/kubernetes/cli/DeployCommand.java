package dev.microsim.kubernetes.cli;

import dev.microsim.kubernetes.cluster.KubeMesh;
import dev.microsim.kubernetes.cluster.MeshStatus;
import dev.microsim.kubernetes.render.RenderedMesh;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code microsim deploy SCENARIO}: renders and applies the mesh, then waits until every Deployment is ready. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a scenario's mesh to the current Kubernetes cluster and wait until it is ready.",
            "As rendered by `microsim render`, plus a fresh control token Secret; waits until every Deployment is ready.",
            "Exit 0 when ready, 1 on error or timeout."})
public final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Mixin
    RenderFlags render;

    @Mixin
    ClusterFlags cluster;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m", converter = Timeouts.class,
            description = "how long to wait for readiness, e.g. 90s, 5m (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--no-wait", description = "apply and return without waiting for readiness")
    boolean noWait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var rendered = render.mesh(spec.commandLine(), scenarioFile, err);
        if (rendered.isEmpty()) return 1;
        RenderedMesh mesh = rendered.get();
        try (var client = cluster.client()) {
            KubeMesh kube = new KubeMesh(client, mesh);
            out.printf("microsim deploy: applying %d objects of \"%s\" to namespace %s at %s%n", mesh.objects().size(), mesh.scenarioName(),
                    mesh.namespace(), client.getMasterUrl());
            out.flush();
            kube.deploy();
            if (noWait) {
                out.println("microsim deploy: applied; not waiting (microsim status " + scenarioFile + " shows readiness)");
                out.flush();
                return 0;
            }
            MeshStatus ready = kube.awaitReady(timeout, s -> {
                out.printf("microsim deploy: %d/%d deployments ready%s%n", s.readyCount(), s.workloads().size(),
                        s.ready() ? "" : "; waiting for " + String.join(", ", s.notReady()));
                out.flush();
            });
            out.printf("microsim deploy: the mesh is ready (%d deployments). Start the load: kubectl -n %s patch job microsim-load -p "
                    + "'{\"spec\":{\"suspend\":false}}'%n", ready.workloads().size(), mesh.namespace());
            out.flush();
            return 0;
        } catch (IllegalStateException | KubernetesClientException e) {
            err.println("microsim deploy: " + e.getMessage());
            err.println("  the mesh is left as it is for inspection; remove it with: microsim teardown " + scenarioFile
                    + (render.namespace != null ? " --namespace " + mesh.namespace() : ""));
            err.flush();
            return 1;
        }
    }

}
