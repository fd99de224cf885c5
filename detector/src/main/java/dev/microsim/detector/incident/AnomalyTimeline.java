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
 * highest signal's. Bins before a quarter of the history (at least {@link #MIN_HISTORY_BINS}) and the guard exist score 0, and so do
 * the last {@link #TAIL_BINS} bins, which a run's shutdown leaves partly filled.
 * Stand-in until the built-in detectors' per-service scores are wired in (issue 11).
 */
public final class AnomalyTimeline {

    /** Baselines are recomputed every this many bins: medians of a sliding window cost too much per bin. */
    private static final int STRIDE = 5;
    static final int TAIL_BINS = 3;
    /** No score before this much history: a run's warm-up (queues filling, caches warming) is not an incident. */
    static final int MIN_HISTORY_BINS = 45;

    /**
     * The signals that say "something is wrong" reliably enough to open an incident: the golden
     * signals (typical latency, error ratio, saturation), resources, failing calls, error and
     * warning logs. Left out on purpose: traffic (load changes are not faults), tail percentiles,
     * in-flight counts and calls per request, which jitter far more on a shared machine; rankers
     * still use them.
     */
    static final java.util.Set<String> DETECTION_METRICS = java.util.Set.of(
            "latency_p50_ms", "latency_mean_ms", "error_ratio", "rejections", "queue_length", "cpu_ms", "memory_bytes", "replicas_up",
            "restarts", "trace_latency_ms", "trace_error_ratio", "trace_origin_error_ratio", "call_error_ratio", "call_unanswered_ratio",
            "call_client_error_ratio", "call_latency_ms", "log_ERROR", "log_WARN");

    private final Map<String, double[]> byService = new LinkedHashMap<>();
    private final Map<String, String[]> topSignal = new LinkedHashMap<>();

    /** {@code historyBins}: the most history a baseline uses; scoring starts once a quarter of it exists (at least {@link #MIN_HISTORY_BINS}). */
    public AnomalyTimeline(Observations observations, int historyBins, int guardBins, double cap) {
        int bins = observations.grid().bins();
        for (Signal signal : observations.signals()) {
            if (!DETECTION_METRICS.contains(signal.metric())) {
                continue;
            }
            String service = signal.service();
            double[] scores = byService.computeIfAbsent(service, s -> new double[bins]);
            String[] tops = topSignal.computeIfAbsent(service, s -> new String[bins]);
            double[] z = score(signal, historyBins, guardBins, cap);
            for (int b = 0; b < bins; b++) {
                if (z[b] > scores[b]) {
                    scores[b] = z[b];
                    tops[b] = signal.name();
                }
            }
        }
    }

    static double[] score(Signal signal, int historyBins, int guardBins, double cap) {
        double[] v = signal.values();
        double[] z = new double[v.length];
        double median = Double.NaN, scale = Double.NaN;
        int minimum = Math.max(MIN_HISTORY_BINS, historyBins / 4);
        for (int b = minimum + guardBins; b < v.length - TAIL_BINS; b++) {
            if ((b - minimum - guardBins) % STRIDE == 0) {
                double[] history = finite(v, Math.max(0, b - guardBins - historyBins), b - guardBins);
                if (history.length < minimum / 2) {
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

    public List<String> services() {
        return List.copyOf(byService.keySet());
    }

    /** The service's score per bin (0 where it has no history or no signal). */
    public double[] scores(String service) {
        return byService.getOrDefault(service, new double[0]);
    }

    /** The signal behind the service's score at a bin. */
    public String topSignal(String service, int bin) {
        String[] tops = topSignal.get(service);
        return tops == null ? null : tops[bin];
    }
}
