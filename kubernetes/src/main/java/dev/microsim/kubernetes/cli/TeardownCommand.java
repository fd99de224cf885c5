package dev.microsim.kubernetes.cli;

import dev.microsim.kubernetes.cluster.KubeMesh;
import dev.microsim.kubernetes.render.RenderedMesh;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code microsim teardown SCENARIO}: deletes the mesh (chaos resources first) and its namespace, and waits until they are gone. */
@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Delete a deployed mesh and wait until its namespace is gone.",
            "Its chaos resources first (faults stop), then every rendered object, the control Secret and the namespace.",
            "Exit 0 when nothing is left, 1 otherwise."})
public final class TeardownCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Mixin
    RenderFlags render;

    @Mixin
    ClusterFlags cluster;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "3m", converter = Timeouts.class,
            description = "how long to wait for the namespace to go (default ${DEFAULT-VALUE})")
    Duration timeout;

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
            List<String> deleted = new KubeMesh(client, mesh).teardown(timeout);
            out.println(deleted.isEmpty() ? "microsim teardown: namespace " + mesh.namespace() + " does not exist; nothing to delete"
                    : "microsim teardown: deleted " + deleted.size() + " objects; namespace " + mesh.namespace() + " is gone");
            out.flush();
            return 0;
        } catch (IllegalStateException | KubernetesClientException e) {
            err.println("microsim teardown: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

}
