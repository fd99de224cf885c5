package dev.microsim.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Client-side statistics per target, collected in-process as responses arrive (Gatling's own
 * simulation.log is binary and written for its report generator, so we do not read it back).
 * Writers ({@link #record}) never block each other: counts are {@link LongAdder}s and latencies go
 * to an HdrHistogram {@link Recorder}, which swaps in a fresh histogram for each interval.
 *
 * <p>A request is counted in the interval in which its response (or failure) was recorded. Counts
 * and the latency histogram are swapped a few instructions apart, so a response recorded right at
 * the boundary may have its count in one interval and its latency in the next; totals are exact.
 */
public final class ClientStatsCollector {
    /** Latencies are recorded in microseconds, up to one hour, with 3 significant digits. */
    private static final long MAX_MICROS = 3_600_000_000L;

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final LongAdder totalRequests = new LongAdder();
    private final LongAdder totalErrors = new LongAdder();

    /** @param targetNames every target that may be recorded, in the order stats are emitted */
    public ClientStatsCollector(List<String> targetNames) {
        for (String name : targetNames) targets.putIfAbsent(name, new Target());
    }

    /**
     * @param status the HTTP status, or {@code 0} when no response came (connection failure, timeout)
     * @param latencyNanos from just before the request was sent to its response or failure
     */
    public void record(String target, int status, long latencyNanos) {
        Target t = targets.get(target);
        if (t == null) throw new IllegalArgumentException("unknown target \"" + target + "\" (known: " + targets.keySet() + ")");
        t.byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        t.latencies.recordValue(Math.max(0, Math.min(MAX_MICROS, latencyNanos / 1_000)));
        totalRequests.increment();
        if (isError(status)) totalErrors.increment();
    }

    /** Errors are what a user would call a failure: no response, or a server error. */
    public static boolean isError(int status) {
        return status == 0 || status >= 500;
    }

    /** Takes and resets the counts since the last call, one {@link ClientStats} per target (zeros included). */
    public List<ClientStats> takeInterval(Instant intervalStart) {
        List<ClientStats> out = new ArrayList<>(targets.size());
        for (var e : targets.entrySet()) {
            Target t = e.getValue();
            Map<Integer, Long> byStatus = new TreeMap<>();
            long requests = 0;
            long errors = 0;
            for (var s : t.byStatus.entrySet()) {
                long n = s.getValue().sumThenReset();
                if (n == 0) continue;
                byStatus.put(s.getKey(), n);
                requests += n;
                if (isError(s.getKey())) errors += n;
            }
            Histogram h = t.latencies.getIntervalHistogram();
            boolean any = h.getTotalCount() > 0;
            out.add(new ClientStats(intervalStart, e.getKey(), requests, errors, byStatus,
                    any ? millis(h, 50) : Double.NaN, any ? millis(h, 95) : Double.NaN, any ? millis(h, 99) : Double.NaN));
        }
        return out;
    }

    public long totalRequests() {
        return totalRequests.sum();
    }

    public long totalErrors() {
        return totalErrors.sum();
    }

    private static double millis(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1_000.0;
    }

    private static final class Target {
        final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final Recorder latencies = new Recorder(MAX_MICROS, 3);
    }
}
