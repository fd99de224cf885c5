package dev.microsim.detector.bench;

import dev.microsim.detector.detect.ArimaDetector;
import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.EwmaDetector;
import dev.microsim.detector.detect.HoltWintersDetector;
import dev.microsim.detector.detect.PointStream;
import dev.microsim.detector.detect.SpectralResidualDetector;
import dev.microsim.detector.detect.StlMadDetector;
import dev.microsim.detector.detect.WaveletDetector;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Streaming throughput of each detector on one core, side by side with a plain loop over the same
 * points in the same run (the loop does the least a streaming consumer must: read each point and
 * fold it into a running value). Usage: {@code StreamingBench [points] [rounds]}.
 */
public final class StreamingBench {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Random random = new Random(1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 100 + 20 * Math.sin(2 * Math.PI * i / 60) + 2 * random.nextGaussian();
        }
        List<Detector> detectors = List.of(EwmaDetector.defaults(), HoltWintersDetector.KIND.withDefaults(),
                WaveletDetector.KIND.withDefaults(), StlMadDetector.KIND.withDefaults(),
                SpectralResidualDetector.KIND.withDefaults(), ArimaDetector.KIND.create(Map.of("period", 1.0)));
        System.out.printf("points=%d, best of %d rounds, one thread%n", n, rounds);
        double loop = best(rounds, () -> plainLoop(values));
        System.out.printf("%-18s %8.1f M points/s%n", "plain loop", n / loop / 1e6);
        for (Detector d : detectors) {
            // the slow ones get a slice: their rate does not depend on the length
            int m = d instanceof EwmaDetector || d instanceof HoltWintersDetector ? n : Math.min(n, 200_000);
            double[] slice = java.util.Arrays.copyOf(values, m);
            double seconds = best(rounds, () -> stream(d, slice));
            double rate = m / seconds;
            System.out.printf("%-18s %8.2f M points/s  (%.3f of the plain loop)%n", d.name(), rate / 1e6, rate / (n / loop));
        }
    }

    static double sink;

    private static double plainLoop(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += 0.05 * (v - mean);
        }
        return mean;
    }

    private static double stream(Detector d, double[] values) {
        PointStream s = d.stream();
        double max = 0;
        for (double v : values) {
            max = Math.max(max, s.next(v));
        }
        return max;
    }

    private static double best(int rounds, java.util.function.DoubleSupplier work) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds + 1; r++) { // the first round warms the JIT
            long t = System.nanoTime();
            sink += work.getAsDouble();
            double s = (System.nanoTime() - t) / 1e9;
            if (r > 0) {
                best = Math.min(best, s);
            }
        }
        return best;
    }
}
