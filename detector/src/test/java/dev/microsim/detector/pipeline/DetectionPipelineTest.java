package dev.microsim.detector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectionPipelineTest {

    static final long T0 = 1_800_000_000_000L;
    static final int N = 600;

    static long[] times() {
        long[] t = new long[N];
        for (int i = 0; i < N; i++) {
            t[i] = T0 + i * 1000L;
        }
        return t;
    }

    /** Noise around a level, plus {@code bump} from {@code from} to {@code to} (inclusive). */
    static MetricSeries series(String name, long seed, double level, double bump, int from, int to) {
        Random r = new Random(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = level + r.nextGaussian() * level * 0.02 + (i >= from && i <= to ? bump : 0);
        }
        return MetricSeries.ofName(name, times(), v);
    }

    static Telemetry catalogLatencyFault() {
        return Telemetry.metricsOnly("test", List.of(
                series("catalog/GET /item/latency_p99_ms", 1, 20, 200, 400, 460),
                series("catalog/GET /item/requests", 2, 100, 0, 0, 0),
                series("frontend/GET /home/latency_p99_ms", 3, 40, 0, 0, 0),
                // the caller's latency moves a little later than the callee's
                series("frontend/GET /home/latency_mean_ms", 4, 30, 150, 403, 460)));
    }

    @Test
    void aServiceEpisodeHasTheOnsetAndTheSeriesThatMovedFirst() {
        DetectionResult result = DetectionPipeline.defaults().run(catalogLatencyFault(), Progress.NONE);

        ServiceScore catalog = result.servicesByName().get("catalog");
        assertThat(catalog.episodes()).hasSize(1);
        ServiceEpisode episode = catalog.episodes().get(0);
        assertThat(episode.onsetMillis()).isEqualTo(T0 + 400_000);
        assertThat(episode.responsibleSeries()).isEqualTo("catalog/GET /item/latency_p99_ms");
        assertThat(episode.seriesInvolved()).containsExactly("catalog/GET /item/latency_p99_ms");
        assertThat(catalog.alarmAt(T0 + 430_000)).isTrue();
        assertThat(catalog.alarmAt(T0 + 300_000)).isFalse();

        ServiceEpisode frontend = result.servicesByName().get("frontend").episodes().get(0);
        assertThat(frontend.onsetMillis()).isEqualTo(T0 + 403_000);
        assertThat(frontend.responsibleSeries()).isEqualTo("frontend/GET /home/latency_mean_ms");
        assertThat(result.episodes()).extracting(ServiceEpisode::service).containsExactly("catalog", "frontend");
    }

    @Test
    void everySeriesVerdictSaysWhichDetectorWithWhichParametersAndWhyItAlarmed() {
        DetectionResult result = DetectionPipeline.defaults().run(catalogLatencyFault(), Progress.NONE);
        SeriesVerdict latency = result.series().get(0);
        assertThat(latency.detector()).isEqualTo("ewma");
        assertThat(latency.parameters()).containsEntry("alpha", 0.05).containsEntry("threshold", 4.0);
        assertThat(latency.alarms()).isNotEmpty();
        assertThat(latency.alarms().get(0).startMillis()).isEqualTo(T0 + 400_000);
        assertThat(latency.alarms().get(0).onset().reason()).contains("sd above the EWMA mean");
        assertThat(result.series().get(1).alarms()).as("requests did not move").isEmpty();
    }

    @Test
    void corruptAndEmptySeriesAreRefusedTogetherByName() {
        MetricSeries nan = MetricSeries.ofName("cart//cpu_ms", new long[] {T0, T0 + 1000}, new double[] {1, Double.NaN});
        MetricSeries empty = MetricSeries.ofName("cart//memory_bytes", new long[0], new double[0]);
        Telemetry telemetry = Telemetry.metricsOnly("t", List.of(nan, empty, series("ok/x/y", 1, 5, 0, 0, 0)));
        assertThatThrownBy(() -> DetectionPipeline.defaults().run(telemetry, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series \"cart//cpu_ms\" point 1 is NaN: every value must be a finite number\n"
                        + "series \"cart//memory_bytes\" is empty: a detector needs at least one point");
    }

    @Test
    void aLoneOnePointBlipIsNotAnEpisode() {
        double[] v = new double[N];
        java.util.Arrays.fill(v, 10);
        v[300] = 50;
        Telemetry t = Telemetry.metricsOnly("t", List.of(MetricSeries.ofName("a//cpu_ms", times(), v)));
        DetectionResult result = DetectionPipeline.defaults().run(t, Progress.NONE);
        assertThat(result.series().get(0).alarms()).hasSize(1);
        assertThat(result.services().get(0).episodes()).isEmpty();
    }

    @Test
    void withTwoSeriesRequiredOneNoisySeriesAloneMakesNoEpisodeButAFaultMovingTwoDoes() {
        Telemetry oneMoves = Telemetry.metricsOnly("t", List.of(
                series("cart/GET /cart/latency_p99_ms", 1, 20, 200, 300, 340),
                series("cart/GET /cart/latency_mean_ms", 2, 10, 0, 0, 0)));
        Telemetry twoMove = Telemetry.metricsOnly("t", List.of(
                series("cart/GET /cart/latency_p99_ms", 1, 20, 200, 300, 340),
                series("cart/GET /cart/latency_mean_ms", 2, 10, 100, 302, 340)));
        DetectionPipeline corroborated = new DetectionPipeline(DetectorChooser.ewmaDefaults(), new ServiceAggregator(3, 2, 2), 1);

        assertThat(DetectionPipeline.defaults().run(oneMoves, Progress.NONE).episodes()).as("one series is enough by default").hasSize(1);
        assertThat(corroborated.run(oneMoves, Progress.NONE).episodes()).isEmpty();
        List<ServiceEpisode> episodes = corroborated.run(twoMove, Progress.NONE).episodes();
        assertThat(episodes).isNotEmpty(); // (the return to normal, both EWMA means having walked up, may alarm briefly too)
        assertThat(episodes.get(0).onsetMillis()).as("when the second series joins").isEqualTo(T0 + 302_000);
        assertThat(episodes.get(0).endMillis()).isGreaterThanOrEqualTo(T0 + 330_000);
        assertThat(episodes.get(0).seriesInvolved()).containsExactlyInAnyOrder("cart/GET /cart/latency_p99_ms", "cart/GET /cart/latency_mean_ms");
    }
}
