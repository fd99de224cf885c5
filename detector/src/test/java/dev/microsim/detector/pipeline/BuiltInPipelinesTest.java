package dev.microsim.detector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BuiltInPipelinesTest {

    static final long T0 = 1_800_000_000_000L;
    static final int N = 400;

    /** A latency of about 1.3 ms, and a request count of about 60, for 400 s; {@code delay} ms more from 300 s for {@code seconds}. */
    static Telemetry run(double delay, int seconds) {
        Random r = new Random(21);
        long[] t = new long[N];
        double[] latency = new double[N];
        double[] requests = new double[N];
        for (int i = 0; i < N; i++) {
            t[i] = T0 + i * 1000L;
            latency[i] = 1.3 + 0.1 * r.nextGaussian() + (i >= 300 && i < 300 + seconds ? delay : 0);
            requests[i] = Math.round(60 + 8 * r.nextGaussian());
        }
        return Telemetry.metricsOnly("t", List.of(
                MetricSeries.ofName("productcatalog/GET /product/latency_p50_ms", t, latency),
                MetricSeries.ofName("productcatalog/GET /product/requests", t.clone(), requests)));
    }

    @Test
    void aTenSecondShiftGetsAServiceAlarmWithTheTunedEpisodeRule() {
        DetectionResult result = BuiltInPipelines.standard().run(run(40, 10), Progress.NONE);
        ServiceScore service = result.servicesByName().get("productcatalog");
        assertThat(service.episodes()).hasSize(1);
        assertThat(service.episodes().get(0).onsetMillis()).isEqualTo(T0 + 300_000);
        for (int i = 300; i < 310; i++) {
            assertThat(service.alarmAt(T0 + i * 1000L)).as("second %d of the shift", i).isTrue();
        }
        assertThat(service.alarmAt(T0 + 250_000)).isFalse();
    }

    @Test
    void theSameRunWithoutTheShiftHasNoEpisode() {
        assertThat(BuiltInPipelines.standard().run(run(0, 0), Progress.NONE).episodes()).isEmpty();
    }
}
