package dev.microsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a dataset in format v1 without running a mesh: N services in a ternary call tree
 * (service i is called by service (i-1)/3), two endpoints each, every metric of metrics.csv per
 * interval, a few latency faults whose root cause slows itself and its callers, predictions that
 * alarm on the affected latency series, and a ranking. Seeded, so every run writes the same files.
 * For report tests and for sizing reports of runs far bigger than this machine can run quickly.
 */
public record SyntheticRun(int services, Duration duration, int faults, long seed) {

    static final Instant START = Instant.parse("2026-11-24T15:00:00Z");
    static final String[] SERVICE_METRICS = {"inflight", "queue_length", "cpu_ms", "memory_bytes", "replicas_up", "restarts"};

    public static String name(int i) {
        return i == 0 ? "frontend" : "svc-" + i;
    }

    static int parent(int i) {
        return (i - 1) / 3;
    }

    /** The faults: evenly spread in time, on services at several depths of the tree. */
    List<int[]> faultPlan() {
        List<int[]> plan = new ArrayList<>();
        long seconds = duration.toSeconds();
        long slot = seconds / (faults + 1);
        for (int f = 0; f < faults; f++) {
            int target = 1 + (int) ((f * 7919L + 13) % Math.max(1, services - 1));
            plan.add(new int[] {target, (int) (slot * (f + 1) - slot / 3), (int) (slot * (f + 1) + slot / 3)});
        }
        return plan;
    }

    /** Services hit by a fault on {@code target}: itself and its callers up to the root. */
    List<String> affected(int target) {
        List<String> hit = new ArrayList<>();
        for (int s = target; ; s = parent(s)) {
            hit.add(name(s));
            if (s == 0) {
                break;
            }
        }
        return hit;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> plan = faultPlan();
        long seconds = duration.toSeconds();
        try (BufferedWriter metrics = Files.newBufferedWriter(dir.resolve("metrics.csv"));
             BufferedWriter predictions = Files.newBufferedWriter(dir.resolve("predictions.csv"))) {
            metrics.write("time,service,endpoint,metric,value\n");
            predictions.write("timestamp,series,score\n");
            for (long t = 0; t < seconds; t++) {
                String time = START.plusSeconds(t).toString();
                for (int i = 0; i < services; i++) {
                    double delay = 0;
                    for (int[] f : plan) {
                        if (t >= f[1] && t < f[2] && affected(f[0]).contains(name(i))) {
                            delay = Math.max(delay, 50);
                        }
                    }
                    double cpu = 0;
                    for (int e = 0; e < 2; e++) {
                        String endpoint = e == 0 ? "GET /a" : "POST /b";
                        double rps = 20 + random.nextGaussian() * 2;
                        double p50 = 5 + random.nextDouble() + delay;
                        row(metrics, time, i, endpoint, "requests", Math.max(0, Math.round(rps)));
                        row(metrics, time, i, endpoint, "errors", random.nextDouble() < 0.05 ? 1 : 0);
                        row(metrics, time, i, endpoint, "rejections", 0);
                        row(metrics, time, i, endpoint, "latency_p50_ms", p50);
                        row(metrics, time, i, endpoint, "latency_p95_ms", p50 * 1.8);
                        row(metrics, time, i, endpoint, "latency_p99_ms", p50 * 2.5);
                        row(metrics, time, i, endpoint, "latency_mean_ms", p50 * 1.1);
                        cpu += rps * 0.4;
                        String series = name(i) + "/" + endpoint + "/latency_p95_ms";
                        double score = delay > 0 ? 0.9 : random.nextDouble() < 0.002 ? 0.8 : 0.1 * random.nextDouble();
                        predictions.write(time + "," + series + "," + String.format(Locale.ROOT, "%.3f", score) + "\n");
                    }
                    double[] service = {random.nextInt(4), delay > 0 ? random.nextInt(5) : 0, cpu, 64 * 1024 * 1024 + random.nextInt(1 << 20), 1, 0};
                    for (int m = 0; m < SERVICE_METRICS.length; m++) {
                        row(metrics, time, i, "", SERVICE_METRICS[m], service[m]);
                    }
                }
            }
        }
        writeTraces(dir);
        writeLabels(dir, plan);
        writeRanking(dir, plan);
        Files.writeString(dir.resolve("manifest.json"), String.format(Locale.ROOT, """
                {"formatVersion": 1, "complete": true, "incompleteReason": null,
                 "scenario": {"name": "synthetic-%d", "sha256": ""}, "seed": %d,
                 "start": "%s", "end": "%s", "interval": "PT1S",
                 "counts": {"spans": {"recorded": %d, "dropped": 0}, "metrics": {"recorded": 0, "dropped": 0}}, "files": {}}
                """, services, seed, START, START.plus(duration), services - 1));
    }

    private static void row(BufferedWriter out, String time, int service, String endpoint, String metric, double value) throws IOException {
        out.write(time);
        out.write(',');
        out.write(name(service));
        out.write(',');
        out.write(endpoint);
        out.write(',');
        out.write(metric);
        out.write(',');
        out.write(value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value));
        out.write('\n');
    }

    /** One client/server span pair per call edge, enough for a call graph built from traces. */
    private void writeTraces(Path dir) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("traces.jsonl"))) {
            for (int i = 1; i < services; i++) {
                String trace = String.format("%032x", i);
                String caller = String.format("%016x", 2L * i);
                String server = String.format("%016x", 2L * i + 1);
                String start = START.plusSeconds(1).toString();
                String end = START.plusSeconds(1).plusMillis(5).toString();
                out.write(String.format("{\"traceId\":\"%s\",\"spanId\":\"%s\",\"parentSpanId\":null,\"service\":\"%s\",\"instance\":\"%s-0\","
                        + "\"name\":\"GET /a\",\"kind\":\"CLIENT\",\"start\":\"%s\",\"end\":\"%s\",\"durationMicros\":5000,\"status\":200,\"error\":false}%n",
                        trace, caller, name(parent(i)), name(parent(i)), start, end));
                out.write(String.format("{\"traceId\":\"%s\",\"spanId\":\"%s\",\"parentSpanId\":\"%s\",\"service\":\"%s\",\"instance\":\"%s-0\","
                        + "\"name\":\"GET /a\",\"kind\":\"SERVER\",\"start\":\"%s\",\"end\":\"%s\",\"durationMicros\":4000,\"status\":200,\"error\":false}%n",
                        trace, server, caller, name(i), name(i), start, end));
            }
        }
        Files.writeString(dir.resolve("logs.jsonl"), "");
    }

    private void writeLabels(Path dir, List<int[]> plan) throws IOException {
        StringBuilder json = new StringBuilder("{\"formatVersion\": 1, \"faults\": [\n");
        for (int f = 0; f < plan.size(); f++) {
            int[] p = plan.get(f);
            String window = String.format("{\"start\": \"%s\", \"end\": \"%s\"}", START.plusSeconds(p[1]), START.plusSeconds(p[2]));
            json.append(String.format("{\"id\": \"f%d-latency-%s\", \"kind\": \"%s\", \"target\": {\"service\": \"%s\"}, \"parameters\": {\"delay\": \"50ms\"},"
                            + " \"planned\": %s, \"actual\": %s, \"rootCauses\": [\"%s\"], \"affected\": [%s]}%s%n",
                    f + 1, name(p[0]), f % 2 == 0 ? "latency" : "cpu-hog", name(p[0]), window, window, name(p[0]),
                    String.join(", ", affected(p[0]).stream().map(s -> "\"" + s + "\"").toList()), f + 1 < plan.size() ? "," : ""));
        }
        Files.writeString(dir.resolve("labels.json"), json.append("]}\n").toString());
    }

    /** The ranker gets the root cause first for even faults and second for odd ones. */
    private void writeRanking(Path dir, List<int[]> plan) throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int f = 0; f < plan.size(); f++) {
            int target = plan.get(f)[0];
            String truth = name(target);
            String other = name(parent(target));
            String first = f % 2 == 0 ? truth : other;
            String second = f % 2 == 0 ? other : truth;
            json.append(String.format("%s\"f%d-latency-%s\": [\"%s\", \"%s\", \"frontend\"]", f == 0 ? "" : ", ", f + 1, truth, first, second));
        }
        Files.writeString(dir.resolve("ranking.json"), json.append("}\n").toString());
    }
}
