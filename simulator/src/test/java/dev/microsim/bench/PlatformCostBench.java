package dev.microsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.sim.PlatformCosts;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures on the live mesh what the platform adds to a scenario's own costs, so fast mode can model
 * it ({@link PlatformCosts}) from a measurement that is not the calibration table it is checked
 * against. A small mesh at light load (no queueing, no CPU limit reached), built-in Poisson load, traces
 * read back from the dataset:
 *
 * <ul>
 *   <li>server overhead: the SERVER span of an endpoint with no steps;</li>
 *   <li>hop: half of (CLIENT span minus its callee's SERVER span), per call, paired by span id;</li>
 *   <li>compute hand-off: SERVER span of a {@code compute: X} endpoint minus X minus the server overhead;</li>
 *   <li>timers: SERVER span of {@code sleep: X} endpoints minus the server overhead, for X below and
 *       above half a millisecond; the lag is what waits of X &gt;= 0.5 ms take beyond X rounded to the
 *       millisecond (the live engine's rule).</li>
 *   <li>warm hop: half the round trip of the second of two calls in a row ({@code GET /call2}), when
 *       the host has just been busy with the first;</li>
 *   <li>wake-up: the round trip of a call made right after a 3 ms sleep ({@code GET /sleep-call}), when
 *       the caller's loop has received nothing for 3 ms, minus the warm round trip (calls after 100 us
 *       and 1 ms of CPU are printed beside it, to see whether a compute step idles the loop alike);</li>
 *   <li>compute stretch: how the hand-off grows from the 100 us step to the 1 ms step, per CPU
 *       nanosecond; the fixed hand-off is then the 100 us step's less its stretch.</li>
 * </ul>
 *
 * <p>Each cost becomes a constant at the measured median, or a log-normal with the measured median and
 * 95th percentile ({@link #fit}): the session-4 model (hop, hand-off, timers). {@link Measured#placed}
 * is the session-7 model from the same spans: the warm hop, the server overhead, the hand-off as a
 * fixed part plus a stretch, and the wake-up of an idle host.
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -Xmx2g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.PlatformCostBench [seconds] [keep-dir]
 * </pre>
 */
public final class PlatformCostBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long[] COMPUTE_MICROS = {100, 1000};
    static final long[] SLEEP_MICROS = {200, 400, 700, 1000, 1500, 3000};

    /** The medians and p95s measured, in microseconds, and the costs fast mode takes from them. */
    record Measured(double[] server, double[] hop, double[] callerSide, Map<String, double[]> compute, Map<String, double[]> sleep,
                    PlatformCosts medians, PlatformCosts costs, double[] warmRoundTrip, double[] coldRoundTrip, double stretch,
                    PlatformCosts placed, double[] firstOfTwo, double[] afterCompute100, double[] afterCompute1000) {
        void print() {
            System.out.printf(Locale.ROOT, "round trip of a call after compute 100us / 1ms:       p50 %.1f / %.1f us, p95 %.1f / %.1f us%n",
                    afterCompute100[0], afterCompute1000[0], afterCompute100[1], afterCompute1000[1]);
            System.out.printf(Locale.ROOT, "round trip of the 1st of two calls in a row:          p50 %.1f us, p95 %.1f us%n", firstOfTwo[0], firstOfTwo[1]);
            System.out.printf(Locale.ROOT, "warm round trip (2nd of two calls in a row):         p50 %.1f us, p95 %.1f us%n", warmRoundTrip[0], warmRoundTrip[1]);
            System.out.printf(Locale.ROOT, "cold round trip (a call right after a 3 ms sleep):   p50 %.1f us, p95 %.1f us%n", coldRoundTrip[0], coldRoundTrip[1]);
            System.out.printf(Locale.ROOT, "compute stretch (hand-off growth per CPU ns, 100 us to 1 ms):   %.3f%n", stretch);
            System.out.printf(Locale.ROOT, "server overhead (span of an endpoint with no steps): p50 %.1f us, p95 %.1f us%n", server[0], server[1]);
            System.out.printf(Locale.ROOT, "hop each way ((client - callee server span) / 2):     p50 %.1f us, p95 %.1f us%n", hop[0], hop[1]);
            System.out.printf(Locale.ROOT, "caller's own cost around a call (server - client):   p50 %.1f us, p95 %.1f us%n", callerSide[0], callerSide[1]);
            compute.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-18s span - cost - server overhead:  p50 %.1f us, p95 %.1f us%n", k, v[0], v[1]));
            sleep.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-18s span - server overhead:          p50 %.1f us, p95 %.1f us%n", k, v[0], v[1]));
            System.out.println("fast mode's platform costs, constant at these medians: " + medians);
            System.out.println("fast mode's platform costs, log-normals with these medians and p95s: " + costs);
            System.out.println("fast mode's platform costs, placed (session 7): " + placed);
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        Path keep = args.length > 1 ? Path.of(args[1]) : null; // keep the dataset there, to look at
        Path dir = keep != null ? keep : Files.createTempDirectory("platform-costs");
        try {
            measure(Duration.ofSeconds(seconds), dir).print();
        } finally {
            if (keep == null) MeshThroughputBench.deleteTree(dir);
        }
    }

    static Scenario scenario(Duration duration) {
        StringBuilder y = new StringBuilder("""
                version: 1
                name: platform-costs
                seed: 5
                duration: %ds
                services:
                  caller:
                    resources: {cpu: 1, memory: 256Mi}
                    endpoints:
                      GET /call:
                        steps:
                          - call: leaf GET /empty
                      GET /call2:
                        steps:
                          - call: leaf GET /empty
                          - call: leaf GET /empty
                      GET /sleep-call:
                        steps:
                          - sleep: 3ms
                          - call: leaf GET /empty
                      GET /compute-call-100us:
                        steps:
                          - compute: 100us
                          - call: leaf GET /empty
                      GET /compute-call-1000us:
                        steps:
                          - compute: 1ms
                          - call: leaf GET /empty
                  leaf:
                    resources: {cpu: 1, memory: 256Mi}
                    endpoints:
                      GET /empty: {}
                """.formatted(duration.toSeconds()));
        for (long c : COMPUTE_MICROS) y.append("      GET /compute-").append(c).append("us: {steps: [{compute: ").append(c).append("us}]}\n");
        for (long s : SLEEP_MICROS) y.append("      GET /sleep-").append(s).append("us: {steps: [{sleep: ").append(s).append("us}]}\n");
        y.append("load:\n");
        List<String> targets = new ArrayList<>(List.of("caller GET /call", "leaf GET /empty", "caller GET /call2", "caller GET /sleep-call",
                "caller GET /compute-call-100us", "caller GET /compute-call-1000us"));
        for (long c : COMPUTE_MICROS) targets.add("leaf GET /compute-" + c + "us");
        for (long s : SLEEP_MICROS) targets.add("leaf GET /sleep-" + s + "us");
        for (int i = 0; i < targets.size(); i++) {
            // Poisson, not constant: constant entries share their instants, so all ten would arrive together every
            // 50 ms and the costs measured would be those of bursts queueing for the event loops and the CPU pool.
            y.append("  - {name: l").append(i).append(", target: ").append(targets.get(i)).append(", profile: poisson, rate: 20/s}\n");
        }
        return Scenarios.parser().parse(y.toString(), "platform-costs.yaml").orThrow();
    }

    /** Runs the small mesh live for {@code duration} into {@code dir} and reads the costs back. */
    static Measured measure(Duration duration, Path dir) throws Exception {
        Path out = dir.resolve("platform-costs");
        Calibration.live(scenario(duration), out, "builtin");
        return read(out, Duration.ofSeconds(Math.min(5, duration.toSeconds() / 4)));
    }

    /** One span as traces.jsonl has it; {@code line}: its place in the file (spans are written as they end). */
    private record Span(String id, String parent, String key, String kind, long start, long micros, int line) {}

    /** The wake-up's idle threshold the placed costs use: fast mode's default (the kernel's halt-poll window), not measured here. */
    static final Duration WAKE_AFTER = PlatformCosts.DEFAULT_WAKE_AFTER;

    static Measured read(Path dataset, Duration skip) throws Exception {
        List<Span> spans = new ArrayList<>();
        long first = Long.MAX_VALUE;
        try (BufferedReader in = Files.newBufferedReader(dataset.resolve("traces.jsonl"))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                if (n.get("status").asInt() >= 400) continue;
                Instant at = Instant.parse(n.get("start").asText());
                long t = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                first = Math.min(first, t);
                JsonNode parent = n.get("parentSpanId");
                spans.add(new Span(n.get("spanId").asText(), parent.isNull() ? null : parent.asText(),
                        n.get("service").asText() + " " + n.get("name").asText(), n.get("kind").asText(), t, n.get("durationMicros").asLong(),
                        spans.size()));
            }
        }
        long from = first + skip.toNanos();
        Map<String, Span> byId = new HashMap<>();
        Map<String, List<Long>> server = new TreeMap<>();
        for (Span s : spans) {
            byId.put(s.id(), s);
            if (s.kind().equals("SERVER") && s.start() >= from) server.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s.micros());
        }
        List<Long> roundTrips = new ArrayList<>();
        List<Long> callerSide = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        List<Long> firstOfTwo = new ArrayList<>();
        Map<String, List<Long>> afterCompute = new TreeMap<>(); // diagnostics: is a call after a compute step cold, as after a sleep?
        Map<String, List<Span>> callsOf = new HashMap<>(); // a caller's server span id -> its client spans
        for (Span s : spans) if (s.kind().equals("CLIENT") && s.parent() != null) callsOf.computeIfAbsent(s.parent(), k -> new ArrayList<>()).add(s);
        for (Span s : spans) {
            if (!s.kind().equals("SERVER") || s.parent() == null || s.start() < from) continue;
            Span client = byId.get(s.parent());
            if (client == null || !client.kind().equals("CLIENT")) continue;
            Span caller = client.parent() == null ? null : byId.get(client.parent());
            if (caller == null) continue;
            long rt = client.micros() - s.micros();
            switch (caller.key()) {
                case "caller GET /call" -> { // the session-4 hop: only this endpoint's call, as before the other endpoints came
                    roundTrips.add(rt);
                    callerSide.add(caller.micros() - client.micros());
                }
                case "caller GET /call2" -> { // the second call: the one that ended later (starts are to the ms, ids carry no order)
                    List<Span> two = callsOf.getOrDefault(caller.id(), List.of());
                    if (two.size() != 2) break;
                    if (client == (two.get(0).line() > two.get(1).line() ? two.get(0) : two.get(1))) warm.add(rt);
                    else firstOfTwo.add(rt);
                }
                case "caller GET /sleep-call" -> cold.add(rt);
                case "caller GET /compute-call-100us", "caller GET /compute-call-1000us" -> afterCompute.computeIfAbsent(caller.key(), k -> new ArrayList<>()).add(rt);
                default -> { }
            }
        }
        double[] overhead = p50p95(server.get("leaf GET /empty"));
        long s0 = Math.round(overhead[0]);
        List<Long> halfTrips = new ArrayList<>();
        for (long rt : roundTrips) halfTrips.add(rt / 2);
        Map<String, double[]> compute = new TreeMap<>();
        List<Long> handoffs = new ArrayList<>();
        for (long c : COMPUTE_MICROS) {
            List<Long> minus = new ArrayList<>();
            for (long d : server.get("leaf GET /compute-" + c + "us")) minus.add(d - c - s0);
            compute.put("compute " + c + "us", p50p95(minus));
            handoffs.addAll(minus);
        }
        Map<String, double[]> sleep = new TreeMap<>((a, b) -> Long.compare(micros(a), micros(b)));
        List<Long> lags = new ArrayList<>();
        for (long s : SLEEP_MICROS) {
            List<Long> minus = new ArrayList<>();
            for (long d : server.get("leaf GET /sleep-" + s + "us")) {
                long waited = d - s0;
                minus.add(waited);
                if (s >= 500) lags.add(waited - Math.round(s / 1000.0) * 1000);
            }
            sleep.put("sleep " + s + "us", p50p95(minus));
        }
        PlatformCosts costs = new PlatformCosts(fit(halfTrips), fit(handoffs), Duration.ofMillis(1), fit(lags));
        PlatformCosts medians = PlatformCosts.constant(nanos(Math.max(0, p50p95(halfTrips)[0])), nanos(Math.max(0, p50p95(handoffs)[0])),
                Duration.ofMillis(1), nanos(Math.max(0, p50p95(lags)[0])));
        double[] warmRt = p50p95(warm);
        double[] coldRt = p50p95(cold);
        double wake = Math.max(0, coldRt[0] - warmRt[0]);
        double h100 = compute.get("compute 100us")[0];
        double h1000 = compute.get("compute 1000us")[0];
        double stretch = Math.max(0, (h1000 - h100) / 900.0); // compute returns pay no wake-up in the model: the growth is the stretch
        double fixed = Math.max(0, h100 - 100 * stretch);
        PlatformCosts placed = PlatformCosts.constant(nanos(warmRt[0] / 2), nanos(fixed), Duration.ofMillis(1), nanos(Math.max(0, p50p95(lags)[0])))
                .withPlacement(nanos(Math.max(0, overhead[0])), Math.round(stretch * 1000) / 1000.0, nanos(wake), WAKE_AFTER);
        return new Measured(overhead, p50p95(halfTrips), p50p95(callerSide), compute, sleep, medians, costs, warmRt, coldRt, stretch, placed, p50p95(firstOfTwo),
                p50p95(afterCompute.get("caller GET /compute-call-100us")), p50p95(afterCompute.get("caller GET /compute-call-1000us")));
    }


    /**
     * A log-normal with the samples' median and 95th percentile (sigma = ln(p95 / p50) / z(0.95),
     * written as the scenario format's median and p99); a constant when they do not spread, 0 when the
     * median is not positive.
     */
    static Distribution fit(List<Long> micros) {
        double[] p = p50p95(micros);
        if (p[0] <= 0) return new Distribution.Constant(Duration.ZERO);
        if (p[1] <= p[0]) return new Distribution.Constant(nanos(p[0]));
        double sigma = Math.log(p[1] / p[0]) / 1.6448536269514722;
        return new Distribution.LogNormal(nanos(p[0]), nanos(p[0] * Math.exp(2.3263478740408408 * sigma)));
    }

    private static long micros(String name) {
        return Long.parseLong(name.replaceAll("\\D", ""));
    }

    private static Duration nanos(double micros) {
        return Duration.ofNanos(Math.max(0, Math.round(micros * 1000)));
    }

    private static double[] p50p95(List<Long> values) {
        if (values == null || values.isEmpty()) throw new IllegalStateException("no spans to measure");
        List<Long> v = new ArrayList<>(values);
        v.sort(null);
        return new double[] {v.get((int) Math.ceil(0.5 * v.size()) - 1), v.get((int) Math.ceil(0.95 * v.size()) - 1)};
    }
}
