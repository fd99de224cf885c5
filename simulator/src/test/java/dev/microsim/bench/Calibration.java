package dev.microsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.run.LocalRun;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.run.RunTarget;
import dev.microsim.sim.FastRun;
import dev.microsim.sim.PlatformCosts;
import dev.microsim.sim.SimOptions;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live mode against fast mode on one scenario: both run the same scenario and seed into datasets,
 * which are read back the same way: per-service request rates from metrics.csv and per-endpoint
 * p50/p95 server latency pooled from every server span in traces.jsonl, over a steady window (the
 * first and last seconds left out: JIT warm-up, Gatling's start, the drain).
 */
final class Calibration {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Calibration() {}

    /** What a dataset says in its steady window. */
    record Aggregate(Map<String, Double> rps, Map<String, double[]> latency, Map<String, Long> spans) {}

    /** One row of the comparison: {@code what}, the live and fast values, and fast / live. */
    record Row(String what, double live, double fast) {
        double ratio() {
            return live == 0 ? (fast == 0 ? 1 : Double.POSITIVE_INFINITY) : fast / live;
        }

        boolean within(double tolerance) {
            return Math.abs(ratio() - 1) <= tolerance;
        }
    }

    static RunResult live(Scenario s, Path out, String load) {
        return run(s, out, new LocalRun(new LocalRun.Options(load, null, null, true, false)));
    }

    static RunResult fast(Scenario s, Path out) {
        return fast(s, out, PlatformCosts.IDEAL);
    }

    static RunResult fast(Scenario s, Path out, PlatformCosts platform) {
        return run(s, out, new FastRun(SimOptions.defaults().withPlatform(platform).withSignals(true, false)));
    }

    private static RunResult run(Scenario s, Path out, RunTarget target) {
        RunResult r = RunSession.builder(s, out, target).handleSignals(false).build().run();
        if (!r.complete()) throw new IllegalStateException(target.mode() + " run failed: " + r.reason().orElse("?"));
        return r;
    }

    /**
     * Per-service rates: every request the service answered over the run, per second of the scenario's
     * duration (a live run's load starts late and drains after the end, so counts, not windows, are
     * what compares). Latencies: server spans that started in the steady window, from {@code skip} after
     * the load's first request to {@code tail} before its last.
     */
    static Aggregate read(Path dataset, Duration duration, Duration skip, Duration tail) throws Exception {
        double seconds = duration.toNanos() / 1e9;
        Map<String, Double> rps = new TreeMap<>();
        try (BufferedReader in = Files.newBufferedReader(dataset.resolve("metrics.csv"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                if (f[3].equals("requests")) rps.merge(f[1], Double.parseDouble(f[4]) / seconds, Double::sum);
            }
        }
        List<JsonNode> server = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(dataset.resolve("traces.jsonl"))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                if (!n.get("kind").asText().equals("SERVER")) continue;
                long t = nanos(Instant.parse(n.get("start").asText()));
                first = Math.min(first, t);
                last = Math.max(last, t);
                if (n.get("status").asInt() < 400) server.add(n);
            }
        }
        long fromNanos = first + skip.toNanos();
        long toNanos = last - tail.toNanos();
        Map<String, List<Long>> durations = new TreeMap<>();
        for (JsonNode n : server) {
            long t = nanos(Instant.parse(n.get("start").asText()));
            if (t < fromNanos || t >= toNanos) continue;
            durations.computeIfAbsent(n.get("service").asText() + " " + n.get("name").asText(), k -> new ArrayList<>()).add(n.get("durationMicros").asLong());
        }
        Map<String, double[]> latency = new TreeMap<>();
        Map<String, Long> spans = new TreeMap<>();
        durations.forEach((k, v) -> {
            v.sort(null);
            latency.put(k, new double[] {percentile(v, 50) / 1000.0, percentile(v, 95) / 1000.0});
            spans.put(k, (long) v.size());
        });
        return new Aggregate(rps, latency, spans);
    }

    private static long percentile(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Per-service rps rows, then per-endpoint p50 and p95 rows (endpoints with at least {@code minSpans} in both). */
    static List<Row> compare(Aggregate live, Aggregate fast, long minSpans) {
        List<Row> rows = new ArrayList<>();
        for (String s : live.rps().keySet()) rows.add(new Row(s + " rps", live.rps().get(s), fast.rps().getOrDefault(s, 0.0)));
        for (String e : live.latency().keySet()) {
            if (!fast.latency().containsKey(e) || live.spans().get(e) < minSpans || fast.spans().get(e) < minSpans) continue;
            rows.add(new Row(e + " p50 ms", live.latency().get(e)[0], fast.latency().get(e)[0]));
            rows.add(new Row(e + " p95 ms", live.latency().get(e)[1], fast.latency().get(e)[1]));
        }
        return rows;
    }
}
