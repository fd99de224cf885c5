package dev.microsim.bench;

import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.recorder.DatasetRecorder;
import dev.microsim.recorder.RunInfo;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.OtelExport;
import dev.microsim.telemetry.PrometheusEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The cost of the OTel SDK metrics path: the 10-service mesh of {@link MeshThroughputBench}
 * (4 hops per request, recorded to a dataset) with OTel metrics off and on (every service's
 * meter provider read by a Prometheus endpoint, scraped once per second), alternating in one JVM
 * with the same closed-loop client.
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -Xmx2g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.OtelMetricsBench [seconds] [concurrency] [rounds]
 * </pre>
 */
public final class OtelMetricsBench {
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("otel-bench");
        DatasetRecorder recorder = DatasetRecorder.open(dir, "name: bench\n",
                new RunInfo("bench", "-", 1, Clock.systemUTC().instant(), Duration.ofSeconds(1)), Clock.systemUTC(), 262_144);
        double bestOff = 0;
        double bestOn = 0;
        try (PrometheusEndpoint prometheus = PrometheusEndpoint.start(0)) {
            MeshOptions off = MeshOptions.defaults(1, recorder).withAccessLogShare(0);
            MeshOptions on = off.withOtel(OtelExport.metrics(s -> List.of(prometheus.readerFor(s))));
            for (int round = 0; round < rounds; round++) {
                double rOff = measure(off, concurrency, seconds, null);
                double rOn = measure(on, concurrency, seconds, prometheus.url());
                bestOff = Math.max(bestOff, rOff);
                bestOn = Math.max(bestOn, rOn);
                System.out.printf("round %d: OTel metrics off %.0f rps, on %.0f rps, ratio on/off %.2f%n", round + 1, rOff, rOn, rOn / rOff);
            }
        }
        recorder.finish();
        System.out.printf("best: off %.0f rps, on %.0f rps, ratio on/off %.2f%n", bestOff, bestOn, bestOn / bestOff);
        MeshThroughputBench.deleteTree(dir);
    }

    /** A fresh mesh, 3 s warm-up, then the measured run; scrapes once per second when {@code scrape} is set. */
    static double measure(MeshOptions options, int concurrency, long seconds, URI scrape) throws Exception {
        try (LocalMesh m = LocalMesh.start(MeshThroughputBench.tenServices(), options)) {
            List<String> urls = List.of("a", "b", "c").stream()
                    .map(c -> m.uri(new EndpointRef("front", EndpointId.parse("GET /" + c))).toString()).toList();
            ClosedLoopDriver.run(urls, concurrency, 3000);
            Thread scraper = null;
            if (scrape != null) {
                HttpClient http = HttpClient.newHttpClient();
                scraper = new Thread(() -> {
                    long end = System.nanoTime() + seconds * 1_000_000_000L;
                    try {
                        while (System.nanoTime() < end) {
                            http.send(HttpRequest.newBuilder(scrape).build(), HttpResponse.BodyHandlers.discarding());
                            Thread.sleep(1000);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "scraper");
                scraper.start();
            }
            var r = ClosedLoopDriver.run(urls, concurrency, seconds * 1000);
            if (scraper != null) scraper.join();
            if (r.failed() > 0) System.out.println("  (" + r.failed() + " failed requests)");
            return r.rps();
        }
    }
}
