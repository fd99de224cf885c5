package dev.microsim.runtime;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small scenarios built in code, and a blocking HTTP helper, for runtime tests. */
final class TestMeshes {
    private TestMeshes() {}

    static final EndpointId GET = EndpointId.parse("GET /x");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    static Step sleep(long millis) {
        return new Step.Sleep(new Distribution.Constant(ms(millis)));
    }

    static Step compute(long millis) {
        return new Step.Compute(new Distribution.Constant(ms(millis)));
    }

    static Step call(String service, double probability) {
        return new Step.Call(new EndpointRef(service, GET), probability, ByteSize.ZERO, Step.Call.DEFAULT_TIMEOUT, 0);
    }

    static Step call(String service, Duration timeout, int retries) {
        return new Step.Call(new EndpointRef(service, GET), 1.0, ByteSize.ZERO, timeout, retries);
    }

    static Service service(String name, int replicas, Step... steps) {
        return service(name, replicas, Resources.DEFAULT, steps);
    }

    static Service service(String name, int replicas, Resources res, Step... steps) {
        return new Service(name, replicas, res, Map.of(GET, new Endpoint(GET, List.of(steps), 0, ByteSize.parse("1KiB"), ByteSize.parse("1MiB"))));
    }

    static Resources limits(int concurrency, int queue) {
        return new Resources(new CpuCores(1000), ByteSize.parse("256Mi"), concurrency, queue);
    }

    static Scenario scenario(Service... services) {
        Map<String, Service> map = new LinkedHashMap<>();
        for (Service s : services) map.put(s.name(), s);
        return new Scenario(1, "test", "", 7, Duration.ofSeconds(10), Duration.ofSeconds(1), map, List.of(), List.of());
    }

    static EndpointRef entry(String service) {
        return new EndpointRef(service, GET);
    }

    /** One GET; status 0 when the connection failed. */
    static int get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Milliseconds one GET took. */
    static long timedGet(URI uri, int[] status) {
        long t0 = System.nanoTime();
        status[0] = get(uri);
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
