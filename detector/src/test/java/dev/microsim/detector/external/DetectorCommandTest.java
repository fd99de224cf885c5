package dev.microsim.detector.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one runner of third-party detectors (detect --command, suite score --command). */
class DetectorCommandTest {

    @TempDir
    Path tmp;

    static final Telemetry TELEMETRY = Telemetry.metricsOnly("test", List.of(
            MetricSeries.ofName("api/GET /x/latency_p95_ms", new long[] {0, 1000, 2000}, new double[] {5, 250, 6})));

    @Test
    void theProgramGetsTheSeriesAndItsOutputIsMovedIntoPlaceEvenUnderAPathWithAQuote() throws Exception {
        Path work = tmp.resolve("it's here");
        Path predictions = tmp.resolve("out/predictions.csv");
        // "Detects" by copying the input with value as score: what arrives at {input} is what comes back.
        Optional<String> failure = new DetectorCommand("sed '1s/,value/,score/' {input} > {output}", Duration.ofSeconds(30))
                .predict(TELEMETRY, work, predictions);
        assertThat(failure).isEmpty();
        assertThat(Files.readAllLines(predictions)).first().isEqualTo("timestamp,series,score");
        assertThat(Files.readString(predictions)).contains("api/GET /x/latency_p95_ms,250");
        assertThat(work.resolve("series.csv")).as("the input is deleted").doesNotExist();
    }

    @Test
    void aProgramThatFailsAfterWritingLeavesNoPredictionsAndSaysWhy() throws Exception {
        Path predictions = tmp.resolve("predictions.csv");
        Optional<String> failure = new DetectorCommand("echo half > {output}; echo 'out of memory' >&2; exit 137 # {input}",
                Duration.ofSeconds(30)).predict(TELEMETRY, tmp.resolve("work"), predictions);
        assertThat(failure).hasValueSatisfying(why -> assertThat(why).isEqualTo("exited with code 137; its last output:\nout of memory"));
        assertThat(predictions).doesNotExist();
        assertThat(Files.list(tmp.resolve("work")).map(p -> p.getFileName().toString())).containsExactly("detector.log");
    }

    @Test
    void aProgramThatWritesNothingOrRunsTooLongIsNamed() throws Exception {
        assertThat(new DetectorCommand("true {input} {output}", Duration.ofSeconds(30)).predict(TELEMETRY, tmp.resolve("a"), tmp.resolve("a.csv")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("exited 0 but wrote no {output} file"));
        assertThat(new DetectorCommand("sleep 30 # {input} {output}", Duration.ofMillis(300)).predict(TELEMETRY, tmp.resolve("b"), tmp.resolve("b.csv")))
                .hasValueSatisfying(why -> assertThat(why).startsWith("did not finish within 300 ms"));
    }

    @Test
    void aCommandWithoutItsPlaceholdersOrWithANonPositiveTimeoutIsRefused() {
        assertThatThrownBy(() -> new DetectorCommand("python3 mydet.py {input}", Duration.ofMinutes(1)))
                .hasMessage("--command must contain {input} and {output}: \"python3 mydet.py {input}\"");
        assertThatThrownBy(() -> new DetectorCommand("x {input} {output}", Duration.ZERO)).hasMessage("--timeout must be positive, got PT0S");
    }
}
