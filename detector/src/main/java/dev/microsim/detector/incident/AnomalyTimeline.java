package dev.microsim.detector.incident;

import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.Signal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per service and bin, how anomalous the service looks, online: each detection signal
 * ({@link #DETECTION_METRICS}) is scored against its own trailing history, a directional
 * robust z (median, 1.4826 MAD, floored like {@code ChangeScore}); the service's score is its
 * highest signal's. History counts from the first bin with traffic (a dataset starts with seconds
 * of zero load, which say nothing about the loaded mesh); bins before {@code warmUpBins} of it
 * and the guard exist score 0, and so do the last {@link #TAIL_BINS} bins, which a run's shutdown
 * leaves partly filled.
 */
public final class AnomalyTimeline {

    /** Baselines are recomputed every this many bins: medians of a sliding window cost too much per bin. */
    private static final int STRIDE = 5;
    static final int TAIL_BINS = 3;

    /**
     * The signals that say "something is wrong" reliably enough to open an incident: the golden
     * signals (typical latency, error ratio, saturation), resources, failing calls, calls per
     * request (a cache that stopped hitting shows nowhere else: its backend is fine, only asked
     * more often), error and warning logs. Left out on purpose: traffic (load changes are not
     * faults), tail percentiles and in-flight counts, which jitter far more on a shared machine;
     * rankers still use them.
     */
    static final java.util.Set<String> DETECTION_METRICS = java.util.Set.of(
            "latency_p50_ms", "latency_mean_ms", "error_ratio", "rejections", "queue_length", "cpu_ms", "memory_bytes", "replicas_up",
            "restarts", "trace_latency_ms", "trace_error_ratio", "trace_origin_error_ratio", "call_error_ratio", "call_unanswered_ratio",
            "call_client_error_ratio", "call_latency_ms", "call_fanout", "log_ERROR", "log_WARN");

    /**
     * Scored too, but they never make a service anomalous: self time, which tells a whole-mesh
     * stall ({@link MeshStall}) from a fault.
     */
    static final java.util.Set<String> CONTEXT_METRICS = java.util.Set.of("trace_self_ms");

    private final Map<String, double[]> byService = new LinkedHashMap<>();
    private final Map<String, String[]> topSignal = new LinkedHashMap<>();
    /** Per service, per detection metric, the highest z of the service's signals of that metric. */
    private final Map<String, Map<String, double[]>> byMetric = new LinkedHashMap<>();

    private final int loadStart;
    private final int bins;

    /**
     * {@code historyBins}: the most history a baseline uses; {@code warmUpBins}: the least, counted
     * from the first bin with traffic (a run's warm-up, queues filling and caches warming, is not an incident).
     */
    public AnomalyTimeline(Observations observations, int historyBins, int guardBins, int warmUpBins, double cap) {
        bins = observations.grid().bins();
        loadStart = loadStart(observations);
        for (Signal signal : observations.signals()) {
            boolean detection = DETECTION_METRICS.contains(signal.metric());
            if (!detection && !CONTEXT_METRICS.contains(signal.metric())) {
                continue;
            }
            String service = signal.service();
            double[] scores = byService.computeIfAbsent(service, s -> new double[bins]);
            String[] tops = topSignal.computeIfAbsent(service, s -> new String[bins]);
            double[] metricScores = byMetric.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .computeIfAbsent(signal.metric(), m -> new double[bins]);
            double[] z = score(signal, historyBins, guardBins, loadStart, warmUpBins, cap);
            for (int b = 0; b < bins; b++) {
                if (detection && z[b] > scores[b]) {
                    scores[b] = z[b];
                    tops[b] = signal.name();
                }
                metricScores[b] = Math.max(metricScores[b], z[b]);
            }
        }
    }

    /** The first bin in which any service handled a request (0 when no traffic series says). */
    static int loadStart(Observations observations) {
        int first = Integer.MAX_VALUE;
        boolean any = false;
        for (Signal signal : observations.signals()) {
            if (signal.kind() != Signal.Kind.LOAD || signal.isCall()) {
                continue;
            }
            any = true;
            double[] v = signal.values();
            for (int b = 0; b < Math.min(first, v.length); b++) {
                if (v[b] > 0) {
                    first = b;
                    break;
                }
            }
        }
        return !any || first == Integer.MAX_VALUE ? 0 : first;
    }

    static double[] score(Signal signal, int historyBins, int guardBins, int loadStart, int warmUpBins, double cap) {
        double[] v = signal.values();
        double[] z = new double[v.length];
        double median = Double.NaN, scale = Double.NaN;
        int start = loadStart + warmUpBins + guardBins;
        for (int b = start; b < v.length - TAIL_BINS; b++) {
            if ((b - start) % STRIDE == 0) {
                double[] history = finite(v, Math.max(loadStart, b - guardBins - historyBins), b - guardBins);
                if (history.length < warmUpBins / 2) {
                    median = Double.NaN;
                } else {
                    Arrays.sort(history);
                    median = percentile(history, 50);
                    double[] dev = new double[history.length];
                    for (int i = 0; i < history.length; i++) {
                        dev[i] = Math.abs(history[i] - median);
                    }
                    Arrays.sort(dev);
                    scale = Math.max(1.4826 * percentile(dev, 50), Math.max(signal.relativeFloor() * Math.abs(median), signal.resolution()));
                    if (scale == 0) {
                        scale = Double.MIN_NORMAL;
                    }
                }
            }
            if (Double.isNaN(median) || !Double.isFinite(v[b])) {
                continue;
            }
            double d = (v[b] - median) / scale;
            double directional = switch (signal.direction()) {
                case UP -> d;
                case DOWN -> -d;
                case BOTH -> Math.abs(d);
            };
            z[b] = Math.max(0, Math.min(cap, directional));
        }
        return z;
    }

    private static double[] finite(double[] v, int from, int to) {
        double[] out = new double[to - from];
        int n = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            if (Double.isFinite(v[i])) {
                out[n++] = v[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double percentile(double[] sorted, double q) {
        double rank = q / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /** The first bin with traffic, where history starts. */
    public int loadStart() {
        return loadStart;
    }

    public List<String> services() {
        return List.copyOf(byService.keySet());
    }

    /** The service's score per bin (0 where it has no history or no signal). */
    public double[] scores(String service) {
        return byService.getOrDefault(service, new double[bins]);
    }

    /** The service's highest score per bin over its signals of this metric (all 0 when it has none). */
    public double[] scores(String service, String metric) {
        return byMetric.getOrDefault(service, Map.of()).getOrDefault(metric, new double[bins]);
    }

    /** Per bin the service's highest score over its signals of these metrics (0 where it has none). */
    public double[] maxOf(String service, java.util.Collection<String> metrics) {
        double[] out = new double[bins];
        for (String m : metrics) {
            double[] z = byMetric.getOrDefault(service, Map.of()).get(m);
            if (z != null) {
                for (int b = 0; b < bins; b++) {
                    out[b] = Math.max(out[b], z[b]);
                }
            }
        }
        return out;
    }

    /** The detection (and context) metrics the service has signals of. */
    public java.util.Set<String> metrics(String service) {
        return byMetric.getOrDefault(service, Map.of()).keySet();
    }

    /** The signal behind the service's score at a bin. */
    public String topSignal(String service, int bin) {
        String[] tops = topSignal.get(service);
        return tops == null ? null : tops[bin];
    }
}
