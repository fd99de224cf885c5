package dev.microsim.sim;

import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsCollector;
import dev.microsim.telemetry.LatencySample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load's client-side statistics in virtual time: what {@link ClientStatsCollector} gives a
 * Gatling run (counts per status, errors, percentiles at 3 significant digits), on one thread, at a
 * cost that follows the requests rather than the histogram's buckets.
 */
final class SimClientStats {
    private static final long MAX_MICROS = 3_600_000_000L;

    /** One target's counters; {@link SimLoad} holds each visit's, so an answer costs no lookup by name. */
    static final class Target {
        final Map<Integer, long[]> byStatus = new TreeMap<>();
        final LatencySample latency = new LatencySample(MAX_MICROS, 3);
        /** The counter of the last status seen: nearly every answer has the same one, so no boxing and no tree walk. */
        int lastStatus = -1;
        long[] lastCount;

        long[] count(int status) {
            if (status != lastStatus) {
                lastCount = byStatus.computeIfAbsent(status, s -> new long[1]);
                lastStatus = status;
            }
            return lastCount;
        }
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private long total;

    SimClientStats(List<String> names) {
        for (String n : names) targets.putIfAbsent(n, new Target());
    }

    /** The counters of {@code target}, one of the names this was made with. */
    Target target(String target) {
        Target t = targets.get(target);
        if (t == null) throw new IllegalArgumentException("no load target \"" + target + "\" (targets: " + targets.keySet() + ")");
        return t;
    }

    void record(String target, int status, long latencyNanos) {
        record(target(target), status, latencyNanos);
    }

    void record(Target t, int status, long latencyNanos) {
        t.count(status)[0]++;
        t.latency.record(latencyNanos / 1_000);
        total++;
    }

    long totalRequests() {
        return total;
    }

    /** One row per target (zeros included), resetting the interval. */
    List<ClientStats> takeInterval(Instant intervalStart) {
        List<ClientStats> out = new ArrayList<>(targets.size());
        for (var e : targets.entrySet()) {
            Target t = e.getValue();
            Map<Integer, Long> byStatus = new TreeMap<>();
            long requests = 0;
            long errors = 0;
            for (var s : t.byStatus.entrySet()) {
                long n = s.getValue()[0];
                if (n == 0) continue;
                s.getValue()[0] = 0;
                byStatus.put(s.getKey(), n);
                requests += n;
                if (ClientStatsCollector.isError(s.getKey())) errors += n;
            }
            boolean any = t.latency.count() > 0;
            if (any) t.latency.prepare();
            out.add(new ClientStats(intervalStart, e.getKey(), requests, errors, byStatus,
                    any ? t.latency.valueAtPercentile(50) / 1000.0 : Double.NaN, any ? t.latency.valueAtPercentile(95) / 1000.0 : Double.NaN,
                    any ? t.latency.valueAtPercentile(99) / 1000.0 : Double.NaN));
            t.latency.reset();
        }
        return out;
    }
}
