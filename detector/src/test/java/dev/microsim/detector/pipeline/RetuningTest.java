package dev.microsim.detector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.detector.classify.Perceptron;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class RetuningTest {

    static MetricSeries changing() {
        return changing(false);
    }

    /** Noise, then a pattern with period 30 from point 1500 on; with spikes, one of 30 every 400 points. */
    public static MetricSeries changing(boolean spikes) {
        Random r = new Random(3);
        int n = 3000;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_800_000_000_000L + i * 1000L;
            v[i] = 100 + 2 * r.nextGaussian() + (i >= 1500 ? 40 * Math.sin(2 * Math.PI * i / 30) : 0) + (spikes && i % 400 == 200 ? 30 : 0);
        }
        return MetricSeries.ofName("svc//x", t, v);
    }

    @Test
    void aNewPatternIsNoticedTheDetectorReChosenAndTheChangeWrittenDown() {
        PerceptronChooser chooser = new PerceptronChooser(new Perceptron(), ClassParameters.defaults(), 300, 240);
        DetectionPipeline pipeline = new DetectionPipeline(chooser, new ServiceAggregator(3, 2), 1);

        SeriesVerdict v = pipeline.run(Telemetry.metricsOnly("t", List.of(changing())), Progress.NONE).series().get(0);

        assertThat(v.seriesClass()).isEqualTo("stationary");
        assertThat(v.why()).contains("its character changed from stationary to periodic(30): detector re-chosen");
        // after the switch Holt-Winters follows the pattern: no alarms in the last third
        assertThat(v.alarms()).allSatisfy(a -> assertThat(a.startMillis()).isLessThan(1_800_000_000_000L + 2000 * 1000L));
    }

    /** A constant gauge (a replica up) that drops to 0 for 25 points every 240, as a crashed replica does, and comes back. */
    static MetricSeries crashes() {
        int n = 1200;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_800_000_000_000L + i * 1000L;
            v[i] = i % 240 >= 200 && i % 240 < 225 ? 0 : 1;
        }
        return MetricSeries.ofName("svc//replicas_up", t, v);
    }

    @Test
    void aCrashIsAnAnomalyNotANewCharacterSoTheReplicaBackUpIsQuiet() {
        PerceptronChooser chooser = new PerceptronChooser(new Perceptron(), ClassParameters.defaults(), 60, 120);
        SeriesVerdict v = new DetectionPipeline(chooser, new ServiceAggregator(3, 2), 1)
                .run(Telemetry.metricsOnly("t", List.of(crashes())), Progress.NONE).series().get(0);

        assertThat(v.why()).doesNotContain("character changed");
        // every crash alarms, and nothing after the replica is back
        for (int crash = 200; crash < 1200; crash += 240) {
            long start = 1_800_000_000_000L + crash * 1000L;
            assertThat(v.alarms()).anySatisfy(a -> assertThat(a.startMillis()).isEqualTo(start));
        }
        assertThat(v.alarms()).allSatisfy(a -> assertThat((a.startMillis() - 1_800_000_000_000L) / 1000 % 240).isBetween(200L, 224L));
        assertThat(v.alarms()).allSatisfy(a -> assertThat((a.endMillis() - 1_800_000_000_000L) / 1000 % 240).isBetween(200L, 224L));
    }

    /** A request count of about 1.3 a second (mostly 0, 1 and 2): many points are several sd off a mode of 1, none is an anomaly. */
    static MetricSeries lowCount() {
        Random r = new Random(5);
        int n = 1200;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_800_000_000_000L + i * 1000L;
            // Poisson(1.3) by Knuth's product of uniforms
            double limit = Math.exp(-1.3);
            double p = r.nextDouble();
            int k = 0;
            while (p > limit) {
                p *= r.nextDouble();
                k++;
            }
            v[i] = i < 25 ? 0 : k; // the load arrives 25 s in
        }
        return MetricSeries.ofName("checkout/POST /orders/requests", t, v);
    }

    @Test
    void aNoisyLowCountThatArrivesLateStaysQuietWithTheTunedThresholds() {
        PerceptronChooser chooser = new PerceptronChooser(new Perceptron(), TunedParameters.loadOrDefaults().classes(), 60, 120);
        SeriesVerdict v = new DetectionPipeline(chooser, new ServiceAggregator(3, 2), 1)
                .run(Telemetry.metricsOnly("t", List.of(lowCount())), Progress.NONE).series().get(0);
        long alarmed = java.util.Arrays.stream(v.scores()).filter(s -> s >= 1).count();
        assertThat(alarmed).as("alarmed points of 1200").isLessThan(24);
    }

    @Test
    void withoutRetuningTheFirstChoiceStays() {
        PerceptronChooser chooser = new PerceptronChooser(new Perceptron(), ClassParameters.defaults(), 300, 0);
        SeriesVerdict v = new DetectionPipeline(chooser, new ServiceAggregator(3, 2), 1)
                .run(Telemetry.metricsOnly("t", List.of(changing())), Progress.NONE).series().get(0);
        assertThat(v.why()).doesNotContain("character changed");
    }
}
