package dev.microsim.bench;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.TelemetrySink;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many services one JVM holds: starts meshes of N services (each calls the next with
 * probability 0.5, so every server and client is exercised), times the start, checks every
 * service answers, and reports the heap in use after a GC and the open file descriptors. With
 * {@code shared} first, replicas share one listener (MeshOptions.Listeners.SHARED) and the
 * requests go to it with the route header; {@code own} gives every replica its own port.
 *
 * <pre>
 * java -Xmx2g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.ScaleBench 200 500 1000
 * java -Xmx6g -cp "..." dev.microsim.bench.ScaleBench shared 10000
 * </pre>
 */
public final class ScaleBench {
    static final EndpointId GET = EndpointId.parse("GET /x");

    public static void main(String[] args) throws Exception {
        boolean shared = args.length > 0 && args[0].equals("shared");
        boolean own = args.length > 0 && args[0].equals("own");
        String[] rest = shared || own ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        int[] sizes = rest.length == 0 ? new int[] {200, 500, 1000} : java.util.Arrays.stream(rest).mapToInt(Integer::parseInt).toArray();
        MeshOptions.Listeners mode = shared ? MeshOptions.Listeners.SHARED : own ? MeshOptions.Listeners.PER_REPLICA : MeshOptions.Listeners.AUTO;
        HttpClient http = HttpClient.newHttpClient();
        for (int n : sizes) {
            Scenario s = services(n);
            System.gc();
            long fds0 = descriptors();
            long t0 = System.nanoTime();
            try (LocalMesh mesh = LocalMesh.start(s, MeshOptions.defaults(1, TelemetrySink.NONE).withListeners(mode))) {
                double startSeconds = (System.nanoTime() - t0) / 1e9;
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    HttpRequest.Builder req = mesh.sharedPort() == 0
                            ? HttpRequest.newBuilder(mesh.uri(new EndpointRef("s" + i, GET)))
                            : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mesh.sharedPort() + "/x")).header("x-microsim-route", "s" + i);
                    if (http.send(req.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) ok++;
                }
                long fds = descriptors() - fds0;
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("%d services (%s listeners): started in %.2f s, %d/%d answered 200, heap after GC %.0f MiB (max %.0f MiB), %d threads, %d more file descriptors%n",
                        n, mesh.sharedPort() == 0 ? "own" : "shared", startSeconds, ok, n, heap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
                        ManagementFactory.getThreadMXBean().getThreadCount(), fds);
            }
        }
    }

    static long descriptors() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    static Scenario services(int n) {
        Map<String, Service> services = new LinkedHashMap<>();
        Resources res = new Resources(new CpuCores(500), ByteSize.parse("128Mi"), 16, 32);
        for (int i = 0; i < n; i++) {
            List<Step> steps = i + 1 < n
                    ? List.of(new Step.Sleep(new Distribution.Constant(Duration.ofMillis(1))),
                              new Step.Call(new EndpointRef("s" + (i + 1), GET), 0.5, ByteSize.ZERO, Step.Call.DEFAULT_TIMEOUT, 0))
                    : List.of();
            services.put("s" + i, new Service("s" + i, 1, res, Map.of(GET, new Endpoint(GET, steps))));
        }
        return new Scenario(1, "scale", "", 1, Duration.ofMinutes(1), Duration.ofSeconds(1), services, List.of(), List.of());
    }
}
