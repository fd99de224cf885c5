package dev.microsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.cli.Scenarios;
import dev.microsim.cluster.LoopbackCluster;
import dev.microsim.cluster.PodProgram;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.Overrides;
import dev.microsim.run.ClusterRun;
import dev.microsim.run.LocalRun;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.run.RunTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster-shaped run against local mode, side by side in one invocation (issue 14): the same
 * scenario and seed run once as local mode's one-JVM mesh and once as pods ({@code run --mode pods}:
 * one {@code microsim serve} JVM per replica, the load a {@code microsim drive} JVM, the faults
 * through the pods' control endpoints, the dataset recorded over OTLP). Prints per service the
 * request rate and error rate of both datasets, the fault's latency signature, and whether the
 * labels agree (everything but the applied instants and the mechanism).
 *
 * <pre>
 * ./mvnw -q -B -pl serve -am package -DskipTests
 * MICROSIM_SERVE_JAR=$PWD/serve/target/quarkus-app/quarkus-run.jar \
 * java -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" --add-opens=java.base/java.lang=ALL-UNNAMED \
 *     dev.microsim.bench.ClusterShapedBench [scenario.yaml] [duration] [out-dir]
 * </pre>
 */
public final class ClusterShapedBench {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "scenarios/online-boutique.yaml");
        Duration duration = args.length > 1 ? dev.microsim.model.units.Durations.parse(args[1]) : null;
        Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("cluster-shaped");
        Scenario scenario = Scenarios.parser().parse(file, Overrides.of(null, duration)).orThrow();
        System.out.printf("%s, seed %d, %s; load average at start: %s%n", scenario.name(), scenario.seed(), scenario.duration(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        Path local = run(scenario, out.resolve("local"), new LocalRun(LocalRun.Options.defaults()));
        // The pods run what `run --mode pods` runs: the Quarkus serve where MICROSIM_SERVE_JAR names it (PodProgram's rule).
        List<String> problems = new java.util.ArrayList<>();
        PodProgram program = PodProgram.resolve(problems);
        if (program == null) throw new IllegalArgumentException(String.join("; ", problems));
        System.out.println("pods: " + program.name());
        Path pods = run(scenario, out.resolve("pods"), new ClusterRun(new LoopbackCluster(LoopbackCluster.DEFAULT_JVM, program,
                LoopbackCluster.WarmUp.DEFAULT), ClusterRun.Options.loopback(Duration.ofMinutes(5))));
        System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

        Map<String, double[]> l = perService(local);
        Map<String, double[]> p = perService(pods);
        System.out.printf("%-16s %10s %10s %7s %11s %11s%n", "service", "local rps", "pods rps", "ratio", "local err%", "pods err%");
        for (String s : l.keySet()) {
            double[] a = l.get(s);
            double[] b = p.getOrDefault(s, new double[3]);
            System.out.printf("%-16s %10.1f %10.1f %7.3f %11.2f %11.2f%n", s, a[0] / a[2], b[0] / b[2], (b[0] / b[2]) / (a[0] / a[2]),
                    100 * a[1] / Math.max(1, a[0]), 100 * b[1] / Math.max(1, b[0]));
        }
        JsonNode podFaults = JSON.readTree(pods.resolve("labels.json").toFile()).path("faults");
        for (JsonNode f : JSON.readTree(local.resolve("labels.json").toFile()).path("faults")) {
            String target = f.path("target").path("service").asText();
            // Each run against its own label: the two runs happen one after the other, so their actual windows differ.
            JsonNode inPods = null;
            for (JsonNode pf : podFaults) if (pf.path("id").asText().equals(f.path("id").asText())) inPods = pf;
            System.out.printf("fault %s (%s on %s): %s p50 latency in / out of its window: local %s, pods %s%n", f.path("id").asText(),
                    f.path("kind").asText(), target, target, signature(local, f, target),
                    inPods == null ? "(no such fault in the pods labels)" : signature(pods, inPods, target));
        }
        List<String> diff = labelDiff(local, pods);
        System.out.println(diff.isEmpty() ? "labels: identical (applied instants and mechanism aside)" : "labels differ: " + diff);
        System.out.println("datasets: " + local + " and " + pods);
    }

    static Path run(Scenario scenario, Path dir, RunTarget target) {
        long t0 = System.nanoTime();
        // The warm-up's line and the run's start say how long the pods took to be steady and what the run's clock saw.
        RunResult r = RunSession.builder(scenario, dir, target).handleSignals(false).listener(new dev.microsim.run.RunListener() {
            @Override
            public void message(String line) {
                if (line.startsWith("microsim: warm-up") || line.startsWith("microsim: load started")) System.out.println(line);
            }
        }).build().run();
        System.out.printf("%-6s %s in %.1f s: client %d requests, %d errors; %d spans; dropped %d%n", target.mode(), r.status(),
                (System.nanoTime() - t0) / 1e9, r.clientRequests(), r.clientErrors(), r.spansRecorded(), r.dropped());
        if (!r.complete()) throw new IllegalStateException(target.mode() + ": " + r.reason().orElse(""));
        return dir;
    }

    /** Per service: requests and errors summed over endpoints and intervals, and the number of intervals. */
    static Map<String, double[]> perService(Path ds) throws Exception {
        Map<String, double[]> out = new TreeMap<>();
        Map<String, java.util.Set<String>> times = new TreeMap<>();
        for (String line : Files.readAllLines(ds.resolve("metrics.csv")).subList(1, Files.readAllLines(ds.resolve("metrics.csv")).size())) {
            String[] f = line.split(",", -1);
            double[] acc = out.computeIfAbsent(f[1], k -> new double[3]);
            times.computeIfAbsent(f[1], k -> new java.util.TreeSet<>()).add(f[0]);
            if (f[3].equals("requests")) acc[0] += Double.parseDouble(f[4]);
            if (f[3].equals("errors")) acc[1] += Double.parseDouble(f[4]);
        }
        out.forEach((s, acc) -> acc[2] = times.get(s).size());
        return out;
    }

    /** The service's median p50 latency (over its endpoints' rows) inside and outside the fault's actual window, "in / out ms". */
    static String signature(Path ds, JsonNode fault, String service) throws Exception {
        Instant from = Instant.parse(fault.path("actual").path("start").asText());
        Instant to = Instant.parse(fault.path("actual").path("end").asText());
        List<Double> in = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        for (String line : Files.readAllLines(ds.resolve("metrics.csv")).subList(1, Files.readAllLines(ds.resolve("metrics.csv")).size())) {
            String[] f = line.split(",", -1);
            if (!f[1].equals(service) || !f[3].equals("latency_p50_ms")) continue;
            Instant t = Instant.parse(f[0]);
            (!t.isBefore(from) && t.isBefore(to) ? in : outside).add(Double.parseDouble(f[4]));
        }
        return String.format("%.1f / %.1f ms", median(in), median(outside));
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** Fields that differ between the two label files, leaving out what must differ (when it was applied, what carried it). */
    static List<String> labelDiff(Path a, Path b) throws Exception {
        JsonNode la = JSON.readTree(a.resolve("labels.json").toFile()).path("faults");
        JsonNode lb = JSON.readTree(b.resolve("labels.json").toFile()).path("faults");
        Instant sa = Instant.parse(JSON.readTree(a.resolve("manifest.json").toFile()).path("warmUp").path("loadStart").asText());
        Instant sb = Instant.parse(JSON.readTree(b.resolve("manifest.json").toFile()).path("warmUp").path("loadStart").asText());
        List<String> diff = new ArrayList<>();
        if (la.size() != lb.size()) diff.add(la.size() + " vs " + lb.size() + " faults");
        for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
            ObjectNode x = comparable(la.get(i), sa);
            ObjectNode y = comparable(lb.get(i), sb);
            if (!x.equals(y)) diff.add(x + " vs " + y);
        }
        return diff;
    }

    static ObjectNode comparable(JsonNode label, Instant runStart) {
        ObjectNode n = label.deepCopy();
        n.remove("actual");
        n.remove("mechanism");
        JsonNode planned = n.path("planned");
        if (planned.isObject()) {
            ObjectNode p = (ObjectNode) planned;
            for (String k : List.of("start", "end")) {
                if (p.hasNonNull(k)) p.put(k, Duration.between(runStart, Instant.parse(p.path(k).asText())).toString());
            }
        }
        return n;
    }
}
