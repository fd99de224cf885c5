package dev.microsim.bench;

import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.TelemetrySink;
import java.nio.file.Path;

/**
 * Local mode's runtime for one scenario in a JVM of its own, for {@link ServeBench}: the same
 * JVM flags and client as a {@code serve} process, so that only the hosting differs. Prints
 * {@code port N} of the endpoint given, then serves until killed.
 */
public final class LocalServiceHost {
    public static void main(String[] args) throws Exception {
        var scenario = Scenarios.parser().parse(Path.of(args[0])).orThrow();
        LocalMesh mesh = LocalMesh.start(scenario, MeshOptions.defaults(scenario.seed(), TelemetrySink.NONE));
        Runtime.getRuntime().addShutdownHook(new Thread(mesh::close));
        System.out.println("port " + mesh.uri(EndpointRef.parse(args[1])).getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
