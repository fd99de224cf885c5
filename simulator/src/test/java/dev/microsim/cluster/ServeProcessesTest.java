package dev.microsim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Main;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.EffectJson;
import dev.microsim.faults.effect.Scope;
import dev.microsim.recorder.otlp.OtlpReceiver;
import dev.microsim.recorder.otlp.OtlpDataset;
import dev.microsim.recorder.otlp.OtlpMetrics;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster-shaped mesh on one machine: each service is its own {@code microsim serve} process
 * (its own JVM) on 127.0.0.1, the caller told where its callee listens. A request to the front
 * crosses to the db process over real HTTP; a fault installed through the db pod's control
 * endpoint changes what the front answers, and removing it restores it. Both pods export their
 * telemetry over OTLP/HTTP to the recorder's receiver in this JVM: the spans come back as the
 * dataset's records, and one trace runs through both pods.
 */
class ServeProcessesTest {
    static final String TOKEN = "serve-test-token-0123456789";
    static final String SCENARIO = """
            version: 1
            name: pods
            duration: 60s
            services:
              front:
                endpoints:
                  GET /x:
                    steps:
                      - call: {to: db GET /x, timeout: 5s}
              db:
                endpoints:
                  GET /x:
                    steps:
                      - io: 2ms
            load:
              - {profile: constant, rate: 10/s, target: front GET /x}
            """;
    static final Pattern READY = Pattern.compile("service http://[^:]+:(\\d+), control http://[^:]+:(\\d+)");
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> processes = new ArrayList<>();
    final List<Path> logs = new ArrayList<>();

    @TempDir
    Path dir;

    record Pod(Process process, int port, int control) {}

    final List<SpanRecord> spans = new CopyOnWriteArrayList<>();
    final List<LogRecord> logLines = new CopyOnWriteArrayList<>();
    final OtlpMetrics metrics = new OtlpMetrics(dev.microsim.cli.Scenarios.parser().parse(SCENARIO, "pods.yaml").orThrow(), Duration.ofMillis(50));
    final OtlpDataset records = new OtlpDataset(new TelemetrySink() {
        public void span(SpanRecord span) {
            spans.add(span);
        }

        public void log(LogRecord log) {
            logLines.add(log);
        }

        public void metric(MetricRow row) {}
    }, metrics, null);
    Instant origin;
    Vertx vertx;
    OtlpReceiver receiver;

    @BeforeEach
    void receiver() {
        vertx = Vertx.vertx();
        origin = OtlpMetrics.alignDown(Instant.now(), Duration.ofSeconds(1));
        metrics.origin(origin);
        receiver = OtlpReceiver.start(vertx, "127.0.0.1", 0, records);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) p.destroy();
        for (Process p : processes) if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallCrossesTwoServeProcessesAndAFaultInTheCalleesPodShowsAtTheCaller() throws Exception {
        Path scenario = dir.resolve("pods.yaml");
        Files.writeString(scenario, SCENARIO);
        Pod db = serve(scenario, "db", List.of());
        Pod front = serve(scenario, "front", List.of("--callee", "db=127.0.0.1:" + db.port(), "--instance", "front-7d9c-a"));

        HttpResponse<String> ready = get(front.control(), "/q/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(ready.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").get(0).path("data").path("instance").asText()).isEqualTo("front-7d9c-a");
        assertThat(get(front.control(), "/q/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get(front.control(), "/q/health/started", null).statusCode()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = get(front.port(), "/x", null);
            assertThat(r.statusCode()).as(r.body() + output()).isEqualTo(200);
        }

        assertThat(send(db.control(), "POST", "/effects", "{}", null).statusCode()).as("no token").isEqualTo(401);
        String abort = EffectJson.write(new Effect.Abort(Scope.service("db"), 503, null));
        HttpResponse<String> installed = send(db.control(), "POST", "/effects", abort, TOKEN);
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        String id = JSON.readTree(installed.body()).path("id").asText();

        assertThat(get(db.port(), "/x", null).statusCode()).isEqualTo(503);
        for (int i = 0; i < 5; i++) assertThat(get(front.port(), "/x", null).statusCode()).as("front while db aborts").isGreaterThanOrEqualTo(500);

        assertThat(send(db.control(), "DELETE", "/effects/" + id, null, TOKEN).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) assertThat(get(front.port(), "/x", null).statusCode()).as("front after the fault").isEqualTo(200);

        // SIGTERM: the pod shuts down gracefully and its port closes; the other pod keeps serving.
        front.process().destroy();
        assertThat(front.process().waitFor(20, TimeUnit.SECONDS)).as("front exits on SIGTERM" + dump(front.process())).isTrue();
        assertThat(refused(front.port())).as("front's port is closed").isTrue();
        assertThat(get(db.port(), "/x", null).statusCode()).isEqualTo(200);

        // Telemetry over OTLP: each pod flushes at shutdown; the receiver hands back the dataset's records.
        db.process().destroy();
        assertThat(db.process().waitFor(20, TimeUnit.SECONDS)).as("db exits on SIGTERM" + dump(db.process())).isTrue();
        assertThat(receiver.refused()).as("export requests the receiver refused").isZero();
        List<SpanRecord> frontServer = spans.stream().filter(sp -> sp.service().equals("front") && sp.kind() == SpanRecord.Kind.SERVER).toList();
        assertThat(frontServer).hasSize(15).allSatisfy(sp -> assertThat(sp.instance()).isEqualTo("front-7d9c-a"));
        assertThat(frontServer.stream().filter(SpanRecord::error)).as("front's answers while db aborted").hasSize(5);
        SpanRecord call = spans.stream().filter(sp -> sp.service().equals("front") && sp.kind() == SpanRecord.Kind.CLIENT && !sp.error())
                .findFirst().orElseThrow();
        assertThat(spans).as("db's server span under front's client span: one trace across the two pods")
                .anySatisfy(sp -> {
                    assertThat(sp.service()).isEqualTo("db");
                    assertThat(sp.instance()).isEqualTo("db-0");
                    assertThat(sp.traceId()).isEqualTo(call.traceId());
                    assertThat(sp.parentSpanId()).isEqualTo(call.spanId());
                });
        assertThat(logLines).as("front's error lines while db aborted")
                .anySatisfy(l -> assertThat(l.service().equals("front") && l.level() == LogRecord.Level.ERROR && l.template() != null).isTrue());
        // metrics.csv from the pods' metric points: every answer of the front counted once, in some interval of the grid.
        long answered = 0;
        long failed = 0;
        for (Instant t = origin; t.isBefore(Instant.now().plusSeconds(2)); t = t.plusSeconds(1)) {
            for (MetricRow r : metrics.sample(t, 1)) {
                if (!r.service().equals("front") || !r.endpoint().equals("GET /x")) continue;
                if (r.metric().equals("requests")) answered += (long) r.value();
                if (r.metric().equals("errors")) failed += (long) r.value();
            }
        }
        assertThat(answered).as("front's answers in metrics.csv").isEqualTo(15);
        assertThat(failed).as("front's 5xx in metrics.csv").isEqualTo(5);
        assertThat(metrics.late()).isZero();
    }

    @Test
    void badFlagsAreAllReportedAtOnce() throws Exception {
        Path scenario = dir.resolve("pods.yaml");
        Files.writeString(scenario, SCENARIO);
        var err = new java.io.StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute("serve", "--scenario", scenario.toString(), "--service", "nope", "--port", "70000",
                "--callee", "db=127.0.0.1", "--token-file", dir.resolve("missing").toString(), "--otlp", "collector:4318");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("--service: no service \"nope\"", "services: front, db")
                .contains("--port must be 0..65535, got 70000")
                .contains("--callee: expected NAME=HOST:PORT, got \"db=127.0.0.1\"")
                .contains("--token-file " + dir.resolve("missing"))
                .contains("--otlp: expected an http(s)://HOST:PORT URL, got \"collector:4318\"");
    }

    private Pod serve(Path scenario, String service, List<String> extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--scenario", scenario.toString(), "--service", service, "--port", "0", "--control-port", "0",
                "--otlp", "http://127.0.0.1:" + receiver.port()));
        cmd.addAll(extra);
        Path log = dir.resolve(service + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MICROSIM_CONTROL_TOKEN", TOKEN);
        pb.environment().remove("POD_NAME");
        pb.environment().remove("MICROSIM_CALLEES");
        pb.environment().remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        Process p = pb.start();
        processes.add(p);
        logs.add(log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive() && !READY.matcher(Files.readString(log)).find()) Thread.sleep(50);
        Matcher m = READY.matcher(Files.readString(log));
        assertThat(m.find()).as("serve " + service + " printed its ready line; output:\n" + Files.readString(log)).isTrue();
        return new Pod(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The threads of a pod that does not stop, for the failure message. */
    static String dump(Process p) {
        if (!p.isAlive()) return "";
        try {
            Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(), Long.toString(p.pid()))
                    .redirectErrorStream(true).start();
            return "; its threads:\n" + new String(j.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            return " (no thread dump: " + e.getMessage() + ")";
        }
    }

    /** What the pods printed, for failure messages. */
    private String output() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (Path l : logs) b.append("\n--- ").append(l.getFileName()).append(":\n").append(Files.readString(l));
        return b.toString();
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        return send(port, "GET", path, null, token);
    }

    private HttpResponse<String> send(int port, String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean refused(int port) throws Exception {
        try {
            get(port, "/x", null);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
