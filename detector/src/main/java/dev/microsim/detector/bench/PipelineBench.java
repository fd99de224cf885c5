package dev.microsim.detector.bench;

import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The whole built-in pipeline over a synthetic dataset the size of a 100-service, 1-hour run at a
 * 1 s interval: per service 2 endpoints x 7 metrics and 7 service metrics (21 series, 2,100 in
 * all, 7.56 M points), seeded, with a few planted faults. Usage: {@code PipelineBench [services] [seconds]}.
 */
public final class PipelineBench {

    private static final String[] ENDPOINT_METRICS = {"requests", "errors", "rejections", "latency_p50_ms", "latency_p95_ms",
            "latency_p99_ms", "latency_mean_ms"};
    private static final String[] SERVICE_METRICS = {"inflight", "queue_length", "cpu_ms", "memory_bytes", "replicas_up", "restarts",
            "gc_ms"};

    public static void main(String[] args) {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        Telemetry telemetry = synthetic(services, seconds, 7);
        long points = telemetry.metrics().stream().mapToLong(MetricSeries::size).sum();
        DetectionPipeline pipeline = BuiltInPipelines.standard();
        for (int round = 1; round <= 2; round++) {
            long t = System.nanoTime();
            DetectionResult result = pipeline.run(telemetry, Progress.NONE);
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("round %d: %d services, %d series, %d points in %.2f s (%.2f M points/s, %d threads); %d episodes%n", round,
                    services, telemetry.metrics().size(), points, s, points / s / 1e6, Runtime.getRuntime().availableProcessors(),
                    result.episodes().size());
        }
    }

    static Telemetry synthetic(int services, int seconds, long seed) {
        Random random = new Random(seed);
        long start = 1_800_000_000_000L;
        long[] times = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            times[i] = start + i * 1000L;
        }
        List<MetricSeries> series = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            String service = "svc" + s;
            boolean faulty = s % 10 == 0;
            int faultStart = 600 + random.nextInt(seconds - 1200);
            for (int e = 0; e < 2; e++) {
                for (String metric : ENDPOINT_METRICS) {
                    series.add(MetricSeries.ofName(service + "/GET /e" + e + "/" + metric, times,
                            values(random, seconds, 50 + random.nextInt(100), faulty ? faultStart : -1)));
                }
            }
            for (String metric : SERVICE_METRICS) {
                series.add(MetricSeries.ofName(service + "//" + metric, times, values(random, seconds, 10 + random.nextInt(1000), faulty ? faultStart : -1)));
            }
        }
        return Telemetry.metricsOnly("synthetic", series);
    }

    private static double[] values(Random random, int n, double level, int faultStart) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level * (1 + 0.05 * random.nextGaussian()) + (faultStart >= 0 && i >= faultStart && i < faultStart + 60 ? level : 0);
        }
        return v;
    }
}
