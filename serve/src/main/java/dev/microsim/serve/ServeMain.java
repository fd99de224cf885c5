package dev.microsim.serve;

import dev.microsim.cluster.PodRuntime;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar serve --scenario FILE --service NAME ...}: the flags of
 * {@code microsim serve} (docs/cli.md), checked before Quarkus starts so that bad ones are all
 * reported at once with exit 1; then Quarkus runs with its HTTP server (health and fault control)
 * on the control port, and {@link PodLifecycle} starts the service on Quarkus's managed Vert.x.
 * Any other command ({@code drive}, {@code render}, {@code run}, ...) goes to the plain CLI.
 */
@QuarkusMain
public final class ServeMain {
    private ServeMain() {}

    private static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on 127.0.0.1 for the control port: " + e.getMessage(), e);
        }
    }

    public static void main(String... args) {
        // One jar for the image: every other command is the plain CLI, run before (and without) Quarkus.
        if (args.length == 0 || !args[0].equals("serve")) {
            System.exit(dev.microsim.cli.Main.run(args));
        }
        List<String> flags = new ArrayList<>(Arrays.asList(args));
        flags.remove(0);
        ServeArgs.Checked checked = ServeArgs.check(flags);
        if (checked.plan() == null) {
            checked.problems().forEach(p -> System.err.println("microsim serve: " + p));
            System.exit(checked.helpShown() ? 0 : 1);
        }
        int control = checked.plan().settings().controlPort();
        if (control == 0) control = freeLoopbackPort(); // the ready line names the port, so it must be known
        // Quarkus's HTTP server is the control port: the probes and the fault control endpoint.
        System.setProperty("quarkus.http.port", Integer.toString(control));
        System.setProperty("quarkus.http.host", PodRuntime.bindHost(control));
        ServeArgs.handOver(flags);
        Quarkus.run(args);
    }
}
