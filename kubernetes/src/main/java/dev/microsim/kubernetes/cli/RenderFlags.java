package dev.microsim.kubernetes.cli;

import dev.microsim.kubernetes.render.MeshRenderer;
import dev.microsim.kubernetes.render.RenderOptions;
import dev.microsim.kubernetes.render.RenderedMesh;
import dev.microsim.model.units.ByteSize;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that shape rendered manifests, shared by {@code render} and {@code deploy}. */
public final class RenderFlags {
    @Option(names = "--namespace", paramLabel = "NS", description = "namespace of the mesh (default microsim-<scenario name>)")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = RenderOptions.DEFAULT_IMAGE,
            description = "the microsim image the pods and the load Job run (default ${DEFAULT-VALUE})")
    String image;

    @Option(names = "--image-pull-policy", paramLabel = "POLICY", defaultValue = "IfNotPresent", description = "Always, IfNotPresent (default) or Never")
    String pullPolicy;

    @Option(names = "--collector-image", paramLabel = "IMAGE", defaultValue = RenderOptions.DEFAULT_COLLECTOR_IMAGE,
            description = "the OpenTelemetry Collector image (default ${DEFAULT-VALUE})")
    String collectorImage;

    @Option(names = "--recorder", paramLabel = "URL", description = "OTLP/HTTP receiver the collector forwards to (default http://microsim-recorder:4318)")
    String recorder;

    @Option(names = "--memory-overhead", paramLabel = "SIZE", defaultValue = "192Mi",
            description = "memory added to each service's limit for the JVM simulating it (default ${DEFAULT-VALUE})")
    String memoryOverhead;

    /**
     * The preamble of every Kubernetes command: the scenario file's mesh as these flags render it, or
     * empty after printing every problem of the file to {@code err} (bad flags are usage errors).
     */
    public Optional<RenderedMesh> mesh(CommandLine cl, Path scenarioFile, PrintWriter err) {
        RenderOptions options = options(cl);
        return ScenarioFiles.read(scenarioFile, err).map(s -> new MeshRenderer(options).render(s));
    }

    /** The options, or a usage error naming the flag and value. */
    public RenderOptions options(CommandLine cl) {
        URI recorderUri;
        try {
            recorderUri = recorder == null ? RenderOptions.DEFAULT_RECORDER : new URI(recorder);
        } catch (Exception e) {
            throw new CommandLine.ParameterException(cl, "--recorder: not a URL: \"" + recorder + "\"");
        }
        ByteSize overhead;
        try {
            overhead = ByteSize.parse(memoryOverhead);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--memory-overhead: " + e.getMessage());
        }
        try {
            return new RenderOptions(Optional.ofNullable(namespace), image, pullPolicy, collectorImage, recorderUri, overhead);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
