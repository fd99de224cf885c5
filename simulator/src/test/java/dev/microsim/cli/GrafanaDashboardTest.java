package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * manifests/grafana/microsim-dashboard.json parses, and every metric and label its queries name is
 * one that a running mesh's {@code --prometheus} endpoint really serves (scraped from a real run
 * whose scenario makes every series appear: errors, rejections, a restart), and the fault gauge the
 * annotations query reads 0 before the fault, 1 while it is applied and 0 after it.
 */
class GrafanaDashboardTest {
    static final String SCENARIO = """
            version: 1
            name: dashboard
            duration: 30s
            services:
              web:
                endpoints:
                  GET /home:
                    steps:
                      - compute: 200us
                      - call: {to: api GET /data, timeout: 1s}
              api:
                replicas: 2
                resources: {concurrency: 1, queue: 1}
                endpoints:
                  GET /data:
                    steps:
                      - sleep: 5ms
                    errorRate: 0.2
            load:
              - name: steady
                target: web GET /home
                profile: constant
                rate: 200/s
            faults:
              - id: api-crash
                kind: crash
                target: {service: api, replicas: [1]}
                at: 1s
                duration: 2s
                restartDelay: 1s
            """;
    static final Pattern METRIC = Pattern.compile("\\b((?:microsim|http_server)_[a-z0-9_]+)\\b");
    static final Pattern GROUPING = Pattern.compile("by \\(([a-z_, ]+)\\)");
    static final Pattern MATCHER_LABEL = Pattern.compile("[{,]\\s*([a-z_]+)\\s*=");

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsServedByARunningMesh(@TempDir Path tmp) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(projectRoot().resolve("manifests/grafana/microsim-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("microsim-mesh");
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> queries.add(e.asText()));
        dashboard.path("templating").path("list").forEach(v -> {
            if (v.path("definition").isTextual()) queries.add(v.path("definition").asText());
        });
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10).allSatisfy(q -> assertThat(q).isNotBlank());
        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (String q : queries) {
            METRIC.matcher(q).results().forEach(m -> metrics.add(m.group(1)));
            GROUPING.matcher(q).results().forEach(m -> List.of(m.group(1).split(",\\s*")).forEach(labels::add));
            MATCHER_LABEL.matcher(q).results().forEach(m -> labels.add(m.group(1)));
        }
        // The fault annotations name labels in their title, text and tags too.
        dashboard.path("annotations").path("list").forEach(a -> {
            Stream.of("titleFormat", "textFormat").forEach(f ->
                    Pattern.compile("\\{\\{([a-z_]+)}}").matcher(a.path(f).asText()).results().forEach(m -> labels.add(m.group(1))));
            if (a.path("tagKeys").isTextual()) List.of(a.path("tagKeys").asText().split(",\\s*")).forEach(labels::add);
        });
        assertThat(labels).contains("fault_kind", "fault_target", "fault_id");
        assertThat(metrics).contains("microsim_fault_active", "microsim_server_requests_total", "microsim_server_errors_total",
                "http_server_request_duration_seconds_bucket", "microsim_server_queue_length", "microsim_cpu_time_seconds_total",
                "microsim_memory_usage_bytes");

        Path scenario = Files.writeString(tmp.resolve("dashboard.yaml"), SCENARIO);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> cl.execute("run", scenario.toString(), "--out",
                tmp.resolve("ds").toString(), "--duration", "6s", "--load", "builtin", "--no-progress", "--prometheus", "0"));
        Pattern printed = Pattern.compile("Prometheus metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> servedMetrics = new TreeSet<>();
        Set<String> servedLabels = new TreeSet<>();
        // The crash fault's gauge as scraped, repeats collapsed: "010" = 0 before it, 1 while applied, 0 after recovery.
        StringBuilder faultActive = new StringBuilder();
        Pattern faultLine = Pattern.compile("(?m)^microsim_fault_active\\{[^}]*fault_id=\"api-crash\"[^}]*} (\\S+)");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!code.isDone() && !(servedMetrics.containsAll(metrics) && faultActive.toString().matches("0?10")) && System.nanoTime() < deadline) {
            Matcher m = printed.matcher(out.toString());
            if (m.find()) {
                try {
                    String body = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher fault = faultLine.matcher(body);
                    if (fault.find()) {
                        String v = String.valueOf((int) Double.parseDouble(fault.group(1)));
                        if (faultActive.isEmpty() || faultActive.charAt(faultActive.length() - 1) != v.charAt(0)) faultActive.append(v);
                    }
                    for (String line : body.split("\n")) {
                        if (line.isBlank() || line.startsWith("#")) continue;
                        int brace = line.indexOf('{');
                        servedMetrics.add(line.substring(0, brace < 0 ? line.indexOf(' ') : brace));
                        if (brace >= 0) {
                            Pattern.compile("([a-z_]+)=\"").matcher(line.substring(brace)).results().forEach(r -> servedLabels.add(r.group(1)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // The endpoint closes when the run ends; what was scraped so far counts.
                }
            }
            Thread.sleep(250);
        }
        assertThat(code.get()).as(err.toString()).isZero();
        assertThat(servedMetrics).as("metrics served while the run lasted").containsAll(metrics);
        // (The first scrape may come after the fault started on a loaded machine: "10" is as good.)
        assertThat(faultActive.toString()).as("microsim_fault_active of the crash (at 1 s for 2 s) as scraped").matches("0?10");
        servedLabels.add("le");
        assertThat(servedLabels).as("labels served").containsAll(labels);
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("manifests")) && Files.exists(p.resolve("pom.xml")) && Files.exists(p.resolve("docs"))) return p;
        }
        throw new IllegalStateException("no manifests/ above " + Path.of("").toAbsolutePath());
    }
}
