package dev.microsim.detector.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multivariate detectors on a synthetic service: requests with a seasonal load, CPU that
 * follows requests, a noisy latency and a small error count (about 2 per interval). A planted spike in latency, a level
 * shift of latency and errors, and a ramp in CPU (a leak, within 200 points: the series is
 * standardised against its own moving statistics first) must be found; the clean service not.
 * Random Cut Forest is not held to the ramp: it adds every point to its sample, so a slow drift
 * becomes its normal (docs/detectors.md).
 */
class ServiceDetectorContractTest {

    static final List<String> DIMENSIONS = List.of("svc/GET /x/requests", "svc//cpu_ms", "svc/GET /x/latency_p99_ms", "svc/GET /x/errors");

    static List<ServiceDetector> detectors() {
        return List.of(IsolationForestDetector.defaults(), RandomCutForestDetector.defaults(), ReconstructionDetector.defaults());
    }

    static double[][] service(long seed, IntFunction<double[]> anomaly) {
        Random r = new Random(seed);
        double[][] x = new double[Synthetic.LENGTH][];
        for (int i = 0; i < Synthetic.LENGTH; i++) {
            double requests = 100 + 20 * Math.sin(2 * Math.PI * i / Synthetic.PERIOD) + 3 * r.nextGaussian();
            double[] v = {requests, 2 * requests + 4 * r.nextGaussian(), 30 + 2 * r.nextGaussian(), Math.max(0, Math.round(2 + 1.4 * r.nextGaussian()))};
            double[] a = anomaly.apply(i);
            for (int d = 0; d < v.length; d++) {
                v[d] += a[d];
            }
            x[i] = v;
        }
        return x;
    }

    static double[] none(int i) {
        return new double[4];
    }

    static double[] latencySpike(int i) {
        return i == Synthetic.ONSET ? new double[] {0, 0, 40, 0} : new double[4];
    }

    static double[] latencyAndErrorsShift(int i) {
        return i >= Synthetic.ONSET ? new double[] {0, 0, 30, 8} : new double[4];
    }

    static double[] cpuRamp(int i) {
        return i >= Synthetic.ONSET ? new double[] {0, 3.0 * (i - Synthetic.ONSET), 0, 0} : new double[4];
    }

    static double[] scores(ServiceDetector detector, double[][] points) {
        VectorStream stream = detector.stream(DIMENSIONS);
        double[] s = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            s[i] = stream.next(points[i]);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void staysQuietOnACleanService(ServiceDetector detector) {
        for (long seed = 1; seed <= 3; seed++) {
            double[] s = scores(detector, service(seed, ServiceDetectorContractTest::none));
            // the first 300 vectors train the models
            assertThat(Synthetic.firstAlarm(s, 300)).as(detector.description() + " seed " + seed).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void findsALatencySpikeAShiftAndARamp(ServiceDetector detector) {
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(Synthetic.firstAlarm(scores(detector, service(seed, ServiceDetectorContractTest::latencySpike)), 300))
                    .as(detector.name() + " spike, seed " + seed).isEqualTo(Synthetic.ONSET);
            assertThat(Synthetic.firstAlarm(scores(detector, service(seed, ServiceDetectorContractTest::latencyAndErrorsShift)), 300))
                    .as(detector.name() + " shift, seed " + seed).isBetween(Synthetic.ONSET, Synthetic.ONSET + 10);
            if (!(detector instanceof RandomCutForestDetector)) {
                assertThat(Synthetic.firstAlarm(scores(detector, service(seed, ServiceDetectorContractTest::cpuRamp)), 300))
                        .as(detector.name() + " ramp, seed " + seed).isBetween(Synthetic.ONSET, Synthetic.ONSET + 200);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void explainsWhichSeriesWasFurthestOff(ServiceDetector detector) {
        double[][] points = service(2, ServiceDetectorContractTest::latencySpike);
        VectorStream stream = detector.stream(DIMENSIONS);
        for (int i = 0; i <= Synthetic.ONSET; i++) {
            stream.next(points[i]);
        }
        assertThat(stream.topDimension()).isEqualTo(2);
        assertThat(stream.explain().reason()).contains("svc/GET /x/latency_p99_ms");
    }
}
