package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --prometheus 0}: the run prints a 127.0.0.1 scrape URL that serves the mesh's request counter while it runs. */
class RunPrometheusTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aRunServesItsMetricsOnTheScrapeUrlItPrints(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run("run", file.toString(), "--out",
                tmp.resolve("ds").toString(), "--duration", "4s", "--load", "builtin", "--no-progress", "--prometheus", "0"));
        Pattern printed = Pattern.compile("Prometheus metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        double served = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (served == 0 && !code.isDone() && System.nanoTime() < deadline) {
            Matcher m = printed.matcher(out.toString());
            if (m.find()) {
                String body = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher line = Pattern.compile("(?m)^microsim_server_requests_total\\{[^}]*service_name=\"web\"[^}]*\\} (\\S+)").matcher(body);
                if (line.find()) served = Double.parseDouble(line.group(1));
            }
            if (served == 0) Thread.sleep(200);
        }
        assertThat(code.get()).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern(printed);
        assertThat(served).as("web's request counter on the scrape endpoint").isPositive();
    }

    /** A busy port used to fail deep in the exporter with a vague message, after an empty dataset had been written. */
    @Test
    void aBusyPortIsNamedAndNoDatasetIsLeft(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        Path ds = tmp.resolve("ds");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run("run", file.toString(), "--out", ds.toString(), "--duration", "2s", "--load", "builtin", "--no-progress",
                    "--prometheus", Integer.toString(port))).isEqualTo(1);
            assertThat(err.toString()).contains("microsim run: --prometheus " + port + ": port " + port + " on 127.0.0.1 is already in use")
                    .doesNotContain("Exception");
        }
        assertThat(ds).doesNotExist();
    }

    @Test
    void aPortOutOfRangeIsAUsageError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        assertThat(run("run", file.toString(), "--out", tmp.resolve("ds").toString(), "--prometheus", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--prometheus").contains("70000");
    }
}
