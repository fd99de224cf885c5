package dev.microsim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up of cold pods before a cluster-shaped run: it goes on while answers fail or slow down, and stops once they are steady. */
class MeshWarmUpTest {
    static final long SEC = 1_000_000_000L;

    /** Window w gets n answers of {@code millis} each, {@code errors} of them failed. */
    static void fill(MeshWarmUp.Windows ws, int w, int n, double millis, int errors) {
        for (int i = 0; i < n; i++) {
            long end = w * SEC + 1000 + i;
            ws.add(end - (long) (millis * 1e6), end, i >= errors);
        }
    }

    @Test
    void steadyMeansThreeWindowsOfSimilarMediansWithoutTheColdErrors() {
        MeshWarmUp.Windows ws = new MeshWarmUp.Windows(0);
        fill(ws, 0, 20, 400, 8); // cold: slow, timeouts
        fill(ws, 1, 40, 120, 2);
        fill(ws, 2, 80, 30, 0);
        assertThat(ws.steady()).as("window 2 is still filling; 0 and 1 are cold").isFalse();
        fill(ws, 3, 90, 12, 0);
        fill(ws, 4, 90, 11, 0);
        assertThat(ws.steady()).as("30 -> 12 -> 11 ms (window 4 still filling): still getting faster").isFalse();
        fill(ws, 5, 90, 11, 0);
        fill(ws, 6, 1, 11, 0);
        assertThat(ws.steady()).as("12, 11, 11 ms and no errors").isTrue();
        fill(ws, 7, 90, 11, 5);
        fill(ws, 8, 1, 11, 0);
        assertThat(ws.steady()).as("errors came back in window 7").isFalse();
        MeshWarmUp.Result r = ws.result(9 * SEC);
        assertThat(r.requests()).isEqualTo(20 + 40 + 80 + 90 + 90 + 90 + 1 + 90 + 1);
        assertThat(r.errors()).isEqualTo(8 + 2 + 5);
        assertThat(r.firstMedianMillis()).isEqualTo(400.0);
    }

    @Test
    void aScenariosOwnErrorRateDoesNotKeepItFromBeingSteady() {
        MeshWarmUp.Windows ws = new MeshWarmUp.Windows(0);
        for (int w = 0; w < 4; w++) fill(ws, w, 100, 10, 10); // 10 % errors by design, from the first window on
        fill(ws, 4, 1, 10, 0);
        assertThat(ws.steady()).isTrue();
    }

    @Test
    void warmsAColdServiceThroughItsAddressUntilItAnswersWellAndThenStops() throws Exception {
        Scenario scenario = Scenarios.parser().parse("""
                version: 1
                name: warm
                seed: 1
                duration: 10s
                services:
                  front:
                    endpoints:
                      GET /x: {steps: [{compute: 1ms}]}
                      POST /y: {steps: [{compute: 1ms}]}
                load:
                  - {profile: constant, rate: 1/s, target: front GET /x}
                """, "warm.yaml").orThrow();
        Vertx vertx = Vertx.vertx();
        long coldUntil = System.nanoTime() + 1_500_000_000L;
        AtomicLong served = new AtomicLong();
        List<String> seen = new CopyOnWriteArrayList<>();
        // "Cold" for 1.5 s: slow answers and 504s, as a pod whose callees time out; then quick.
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            served.incrementAndGet();
            seen.add(req.method() + " " + req.path());
            if (System.nanoTime() < coldUntil) {
                vertx.setTimer(50, t -> req.response().setStatusCode(504).end());
            } else {
                req.response().end("ok");
            }
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            List<String> said = new CopyOnWriteArrayList<>();
            MeshWarmUp.Result r = MeshWarmUp.run(scenario, Map.of("front", server.actualPort()), Duration.ofMillis(200), Duration.ofSeconds(20), said::add);
            assertThat(r.took()).as("not steady while it failed").isGreaterThan(Duration.ofMillis(1500));
            assertThat(r.errors()).as("the cold answers").isPositive();
            assertThat(r.requests()).isGreaterThan(r.errors());
            assertThat(r.lastMedianMillis()).isLessThan(r.firstMedianMillis());
            assertThat(seen).contains("GET /x", "POST /y");
            assertThat(said).singleElement().asString().startsWith("microsim: warm-up: " + r.requests() + " requests (" + r.errors() + " failed)");
            long after = served.get();
            Thread.sleep(300);
            assertThat(served.get()).as("nothing sent once it returned").isEqualTo(after);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
