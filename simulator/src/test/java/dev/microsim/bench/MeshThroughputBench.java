package dev.microsim.bench;

import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.recorder.RunInfo;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.MeshOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end throughput of a 10-service mesh (front + three chains of three; every request makes
 * 4 hops), fully traced and recorded to a dataset, against a bare Vert.x chain of 4 hops, side by
 * side in one JVM with the same closed-loop client. Steps cost nothing, so this measures the
 * simulator's own overhead.
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -Xmx2g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.MeshThroughputBench [seconds] [concurrency] [norecord]
 * </pre>
 */
public final class MeshThroughputBench {
    static final EndpointId GET = EndpointId.parse("GET /x");

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        // "norecord": spans are still made by the OTel SDK but not written (isolates the recorder's share).
        boolean record = !(args.length > 2 && args[2].equals("norecord"));
        Scenario scenario = tenServices();
        Path dir = Files.createTempDirectory("mesh-bench");
        DatasetRecorder recorder = DatasetRecorder.open(dir, "name: bench\n",
                new RunInfo("bench", "-", 1, Clock.systemUTC().instant(), Duration.ofSeconds(1)), Clock.systemUTC(), 262_144);
        double[] bare = new double[2];
        double[] mesh = new double[2];
        try (BareVertxChain chain = new BareVertxChain(4);
             LocalMesh m = LocalMesh.start(scenario,
                     MeshOptions.defaults(1, record ? recorder : dev.microsim.telemetry.TelemetrySink.NONE).withAccessLogShare(0))) {
            List<String> bareUrl = List.of("http://127.0.0.1:" + chain.entryPort + "/");
            List<String> meshUrls = List.of("a", "b", "c").stream()
                    .map(c -> m.uri(new EndpointRef("front", EndpointId.parse("GET /" + c))).toString()).toList();
            System.out.println("warm-up...");
            ClosedLoopDriver.run(bareUrl, concurrency, 3000);
            ClosedLoopDriver.run(meshUrls, concurrency, 3000);
            for (int round = 0; round < 2; round++) {
                var b = ClosedLoopDriver.run(bareUrl, concurrency, seconds * 1000);
                var r = ClosedLoopDriver.run(meshUrls, concurrency, seconds * 1000);
                bare[round] = b.rps();
                mesh[round] = r.rps();
                System.out.printf("round %d: bare Vert.x 4-hop chain %.0f rps (%d failed), MicroSim 10-service mesh %.0f rps (%d failed), ratio %.2f%n",
                        round + 1, b.rps(), b.failed(), r.rps(), r.failed(), r.rps() / b.rps());
            }
        }
        recorder.finish();
        String manifest = Files.readString(dir.resolve("manifest.json"));
        System.out.printf("best: bare %.0f rps, mesh %.0f rps (%.0f hops/s), ratio %.2f (goal >= 0.7, >= 5000 e2e rps)%n",
                Math.max(bare[0], bare[1]), Math.max(mesh[0], mesh[1]), 4 * Math.max(mesh[0], mesh[1]),
                Math.max(mesh[0], mesh[1]) / Math.max(bare[0], bare[1]));
        System.out.println("recorder counts: " + manifest.substring(manifest.indexOf("\"counts\""), manifest.indexOf("\"files\"")).replaceAll("\\s+", " "));
        deleteTree(dir);
    }

    static Scenario tenServices() {
        Map<String, Service> services = new LinkedHashMap<>();
        Resources wide = new Resources(new CpuCores(1000), ByteSize.parse("256Mi"), 512, 1024);
        Map<EndpointId, Endpoint> front = new LinkedHashMap<>();
        for (String c : List.of("a", "b", "c")) {
            EndpointId id = EndpointId.parse("GET /" + c);
            front.put(id, new Endpoint(id, List.of(Step.Call.to(new EndpointRef(c + "1", GET)))));
            for (int i = 1; i <= 3; i++) {
                List<Step> steps = i < 3 ? List.of(Step.Call.to(new EndpointRef(c + (i + 1), GET))) : List.of();
                services.put(c + i, new Service(c + i, 1, wide, Map.of(GET, new Endpoint(GET, steps))));
            }
        }
        services.put("front", new Service("front", 1, wide, front));
        return new Scenario(1, "bench", "", 1, Duration.ofMinutes(1), Duration.ofSeconds(1), services, List.of(), List.of());
    }

    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
        }
    }
}
