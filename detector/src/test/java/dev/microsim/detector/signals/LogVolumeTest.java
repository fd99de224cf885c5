package dev.microsim.detector.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.pipeline.ServiceEpisode;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogVolumeTest {

    static final long T0 = 1_800_000_000_942L;
    static final int N = 600;
    static final int STORM_FROM = 400;
    static final int STORM_TO = 425;

    @TempDir
    Path dir;

    /** Two services logging 4-6 lines a second; orders also 300 a second (at WARN) from 400 s to 425 s. */
    Telemetry run(boolean storm) throws IOException {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < N; s++) {
            for (String service : List.of("orders", "carts")) {
                int n = 4 + random.nextInt(3) + (storm && service.equals("orders") && s >= STORM_FROM && s < STORM_TO ? 300 : 0);
                for (int k = 0; k < n; k++) {
                    long t = T0 - 1000 + s * 1000L + 1 + k * 999L / Math.max(1, n);
                    String level = n > 100 ? "WARN" : k == 0 && s % 50 == 0 ? "ERROR" : "INFO";
                    lines.add("{\"time\":\"" + Instant.ofEpochMilli(t) + "\",\"service\":\"" + service + "\",\"instance\":\"" + service
                            + "-0\",\"level\":\"" + level + "\",\"template\":\"handled {}\",\"message\":\"handled " + k + "\",\"traceId\":null}");
                }
            }
        }
        Path logs = dir.resolve("logs.jsonl");
        Files.write(logs, lines);
        List<MetricSeries> metrics = new ArrayList<>();
        for (String service : List.of("orders", "carts")) {
            long[] t = new long[N];
            double[] v = new double[N];
            for (int i = 0; i < N; i++) {
                t[i] = T0 + i * 1000L;
                v[i] = 50 + random.nextGaussian();
            }
            metrics.add(MetricSeries.ofName(service + "/GET /x/requests", t, v));
        }
        return new Telemetry("test", metrics, Optional.empty(), Optional.of(logs));
    }

    @Test
    void countsEachServicesLinesAndErrorLinesOnTheMetricsInstants() throws IOException {
        Telemetry telemetry = run(true);
        Map<String, MetricSeries> derived = new LogVolume().derive(telemetry).stream()
                .collect(Collectors.toMap(MetricSeries::name, s -> s));

        assertThat(derived).containsOnlyKeys("orders//log_lines", "orders//log_errors", "carts//log_lines", "carts//log_errors");
        MetricSeries orders = derived.get("orders//log_lines");
        assertThat(orders.epochMillis()).isEqualTo(telemetry.metrics().get(0).epochMillis());
        assertThat(orders.values()[STORM_FROM]).isBetween(304.0, 306.0); // the second before the instant
        assertThat(orders.values()[STORM_FROM - 1]).isBetween(4.0, 6.0);
        assertThat(derived.get("carts//log_lines").values()[STORM_FROM]).isBetween(4.0, 6.0);
        assertThat(derived.get("orders//log_errors").values()[50]).isEqualTo(1.0);
        assertThat(derived.get("orders//log_errors").values()[51]).isEqualTo(0.0);
    }

    @Test
    void aLogStormIsAnEpisodeOfItsServiceOnlyWhenThePipelineReadsTheLogs() throws IOException {
        Telemetry telemetry = run(true);
        DetectionPipeline withLogs = BuiltInPipelines.untuned();
        DetectionResult result = withLogs.run(telemetry, Progress.NONE);

        List<ServiceEpisode> orders = result.servicesByName().get("orders").episodes();
        assertThat(orders).anySatisfy(e -> {
            assertThat(e.onsetMillis()).isBetween(T0 + STORM_FROM * 1000L, T0 + (STORM_FROM + 2) * 1000L);
            assertThat(e.responsibleSeries()).isEqualTo("orders//log_lines");
        });
        assertThat(orders).allSatisfy(e -> assertThat(e.onsetMillis()).isGreaterThanOrEqualTo(T0 + STORM_FROM * 1000L));
        assertThat(result.servicesByName().get("carts").episodes()).isEmpty();

        DetectionResult metricsOnly = withLogs.withSignals(List.of()).run(telemetry, Progress.NONE);
        assertThat(metricsOnly.servicesByName().get("orders").episodes()).isEmpty();
    }

    @Test
    void cleanLogsRaiseNoEpisode() throws IOException {
        DetectionResult result = BuiltInPipelines.untuned().run(run(false), Progress.NONE);
        assertThat(result.episodes()).isEmpty();
    }

    @Test
    void withoutLogsThereIsNothingToDerive() throws IOException {
        Telemetry telemetry = run(false);
        Telemetry noLogs = new Telemetry("test", telemetry.metrics(), Optional.empty(), Optional.empty());
        assertThat(new LogVolume().derive(noLogs)).isEmpty();
    }
}
