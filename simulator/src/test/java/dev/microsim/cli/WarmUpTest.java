package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every live dataset used to begin with intervals of zero traffic: the metric intervals and the
 * fault clock started when the mesh was up, Gatling's first request seconds later. Now the run
 * starts with the load: its first interval carries the load, faults count from the load's start,
 * and the manifest records the warm-up that was skipped.
 */
class WarmUpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGatlingRunStartsItsIntervalsAndFaultClockWithTheLoad(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), RunCommandTest.SCENARIO);
        Path ds = tmp.resolve("ds");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("run", file.toString(), "--out", ds.toString(), "--duration", "3s", "--no-progress")).as(err.toString()).isZero();

        JsonNode warmUp = JSON.readTree(ds.resolve("manifest.json").toFile()).path("warmUp");
        Instant meshUp = Instant.parse(warmUp.path("meshUp").asText());
        Instant loadStart = Instant.parse(warmUp.path("loadStart").asText());
        assertThat(loadStart).isAfterOrEqualTo(meshUp);
        assertThat(warmUp.path("seconds").asDouble()).isEqualTo(Duration.between(meshUp, loadStart).toMillis() / 1000.0);
        assertThat(out.toString()).contains("microsim: load started ").contains(" s after the mesh was up");

        // The first intervals are the load's first seconds: web GET /home served about its 40/s there. (Two intervals
        // together, not the first alone: on a loaded machine Gatling's first requests can lag its start by a second.)
        List<String> rows = Files.readAllLines(ds.resolve("metrics.csv"));
        String first = rows.get(1);
        assertThat(Instant.parse(first.substring(0, first.indexOf(',')))).isEqualTo(loadStart);
        List<String> web = rows.stream().filter(r -> r.contains(",web,GET /home,requests,")).toList();
        assertThat(web.get(0)).startsWith(warmUp.path("loadStart").asText());
        double firstTwo = web.stream().limit(2).mapToDouble(r -> Double.parseDouble(r.substring(r.lastIndexOf(',') + 1))).sum();
        assertThat(firstTwo).as(web.toString()).isGreaterThanOrEqualTo(30);
        // The client side's intervals are the same ones.
        assertThat(Files.readAllLines(ds.resolve("load.csv")).get(1)).startsWith(warmUp.path("loadStart").asText());

        // The fault planned at 1s counts from the load's start.
        JsonNode fault = JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        assertThat(Instant.parse(fault.path("planned").path("start").asText())).isEqualTo(loadStart.plusSeconds(1));
    }
}
