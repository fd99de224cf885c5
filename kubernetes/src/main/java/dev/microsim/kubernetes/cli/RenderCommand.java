package dev.microsim.kubernetes.cli;

import dev.microsim.kubernetes.render.ManifestWriter;
import dev.microsim.kubernetes.render.MeshRenderer;
import dev.microsim.kubernetes.render.RenderedMesh;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code microsim render SCENARIO --out DIR}: the scenario's mesh as Kubernetes manifests (docs/kubernetes.md). */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a scenario as Kubernetes manifests.",
            "Namespace, injector RBAC, the scenario ConfigMap, the OpenTelemetry Collector, a Deployment and a Service per",
            "service, and the load as a suspended Job. Apply with kubectl apply -f DIR."})
public final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to write the manifests to (replaced as a whole)")
    Path out;

    @Mixin
    RenderFlags flags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var rendered = flags.mesh(spec.commandLine(), scenarioFile, err);
        if (rendered.isEmpty()) return 1;
        RenderedMesh mesh = rendered.get();
        try {
            ManifestWriter.write(mesh, this.out);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("microsim render: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.printf("microsim render: %d objects in %d files in %s (namespace %s)%n", mesh.objects().size(), mesh.files().size(), this.out, mesh.namespace());
        out.println("  next: kubectl create namespace " + mesh.namespace() + " --dry-run=client -o yaml | kubectl apply -f - && "
                + "kubectl -n " + mesh.namespace() + " create secret generic " + MeshRenderer.CONTROL_SECRET + " --from-literal="
                + MeshRenderer.CONTROL_SECRET_KEY + "=$(openssl rand -hex 24) && kubectl apply -f " + this.out
                + "   (or: microsim deploy " + scenarioFile + ")");
        out.flush();
        return 0;
    }
}
