package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.recorder.otlp.OtlpDataset;
import dev.microsim.recorder.otlp.OtlpReceiver;
import dev.microsim.telemetry.TelemetrySink;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code microsim drive}: the scenario's load against given loopback URLs, its statistics as OTLP load events. */
class DriveCommandTest {
    static final String SCENARIO = """
            version: 1
            name: drive
            seed: 9
            duration: 30s
            services:
              front:
                endpoints:
                  GET /x: {steps: [{compute: 1ms}]}
                  GET /y: {steps: [{compute: 1ms}]}
            load:
              - {profile: constant, rate: 20/s, target: front GET /x}
              - {profile: constant, rate: 10/s, target: front GET /y}
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Run drive(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path scenario() throws Exception {
        Path f = dir.resolve("drive.yaml");
        Files.writeString(f, SCENARIO);
        return f;
    }

    @Test
    void sendsTheScenariosLoadToTheGivenUrlsAndItsStatisticsAsOtlpEvents() throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicLong x = new AtomicLong();
        AtomicLong y = new AtomicLong();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            (req.path().equals("/x") ? x : y).incrementAndGet();
            req.response().end("ok");
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<ClientStats> stats = new CopyOnWriteArrayList<>();
        List<Instant> started = new CopyOnWriteArrayList<>();
        OtlpDataset dataset = new OtlpDataset(TelemetrySink.NONE, null, new ClientStatsSink() {
            @Override
            public void accept(ClientStats s) {
                stats.add(s);
            }

            @Override
            public void loadStarted(Instant at) {
                started.add(at);
            }
        });
        OtlpReceiver receiver = OtlpReceiver.start(vertx, "127.0.0.1", 0, dataset);
        try {
            Run r = drive("drive", "--scenario", scenario().toString(), "--target", "front=http://127.0.0.1:" + server.actualPort(),
                    "--otlp", "http://127.0.0.1:" + receiver.port(), "--duration", "2s", "--load", "builtin");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("microsim drive: done:").contains("front GET /x:").contains("front GET /y:");
            assertThat(x.get()).as("2 s at 20/s").isBetween(30L, 50L);
            assertThat(y.get()).as("2 s at 10/s").isBetween(15L, 25L);
            assertThat(started).as("one start event, before the first interval").hasSize(1);
            assertThat(stats.stream().filter(s -> s.target().equals("front GET /x")).mapToLong(ClientStats::requests).sum())
                    .as("the answers of /x in the events (one in flight at the end may be cut)").isBetween(x.get() - 2, x.get());
            assertThat(stats.stream().mapToLong(ClientStats::errors).sum()).isZero();
            assertThat(stats).filteredOn(s -> s.requests() > 0).isNotEmpty().allSatisfy(s -> assertThat(s.byStatus()).containsOnlyKeys(200));
        } finally {
            receiver.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badFlagsAreAllReportedAtOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null, "outside a pod");
        Run r = drive("drive", "--scenario", scenario().toString(), "--target", "nope", "--target", "ghost=http://127.0.0.1:1",
                "--otlp", "collector:4318", "--load", "turbo");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("--load: expected gatling or builtin, got \"turbo\"")
                .contains("--target: expected SERVICE=URL, got \"nope\"")
                .contains("--target: no service \"ghost\"")
                .contains("--target: no URL for entry service \"front\" (outside a Kubernetes pod every entry service needs --target front=URL)")
                .contains("--otlp: expected an http(s)://HOST:PORT URL, got \"collector:4318\"");
    }

    @Test
    void outsideAPodTheLoadGoesToLoopbackOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null, "outside a pod");
        Run r = drive("drive", "--scenario", scenario().toString(), "--target", "front=http://frontend:8080", "--load", "builtin");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("host \"frontend\"").contains("is not loopback");
    }
}
