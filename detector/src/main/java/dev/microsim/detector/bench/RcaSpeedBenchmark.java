package dev.microsim.detector.bench;

import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.rank.BaroRanker;
import dev.microsim.detector.rank.IncidentWindow;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.PropagationRanker;
import dev.microsim.detector.rank.Ranking;
import dev.microsim.detector.rank.RootCauseRanker;
import dev.microsim.detector.rank.Signal;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.traces.CallGraph;
import dev.microsim.detector.traces.SpanReader;
import dev.microsim.detector.traces.TraceAnalysis;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Speed of the root-cause side, the two targets measured in one run:
 * <ol>
 *   <li>ranking one incident of a 100-service mesh (synthetic observations shaped like a real
 *       dataset's: per service 20 metric and 6 trace series, 3 call series per edge, 800 one-second
 *       bins), side by side with BARO on the same input; and finding + ranking every incident;</li>
 *   <li>building the call graph from 1,000,000 spans: writing a {@code traces.jsonl} of a 100-service
 *       mesh, then reading it and linking every span ({@link SpanReader}, {@link TraceAnalysis}).</li>
 * </ol>
 * Wall and CPU time of the benchmark thread both printed, with the load average (a shared machine).
 *
 * <pre>java -cp ... dev.microsim.detector.bench.RcaSpeedBenchmark [services=100] [spans=1000000]</pre>
 */
public final class RcaSpeedBenchmark {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private RcaSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int spans = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Observations observations = mesh(services, 800, 7);
        IncidentWindow window = new IncidentWindow(540, 600, 624);
        RootCauseRanker ours = new PropagationRanker();
        RootCauseRanker baro = new BaroRanker();
        for (int warm = 0; warm < 5; warm++) {
            ours.rank(observations, window);
            baro.rank(observations, window);
        }
        Timing rank = time(() -> ours.rank(observations, window), 10);
        Timing rankBaro = time(() -> baro.rank(observations, window), 10);
        Ranking ranking = ours.rank(observations, window);
        System.out.printf(Locale.ROOT, "%d services, %d signals, %d bins%n", services, observations.signals().size(), observations.grid().bins());
        System.out.printf(Locale.ROOT, "rank one incident:     microsim %s   baro %s   (%.2fx baro); top: %s%n", rank, rankBaro,
                rank.wallMillis / rankBaro.wallMillis, ranking.services().get(0));
        Timing detect = time(() -> new IncidentDetector(ours).detect(observations), 3);
        List<Incident> incidents = new IncidentDetector(ours).detect(observations);
        System.out.printf(Locale.ROOT, "find + rank incidents: %s (%d incident(s))%n", detect, incidents.size());

        Path file = Files.createTempFile("microsim-spans", ".jsonl");
        try {
            long bytes = writeSpans(file, services, spans);
            Timing graph = time(() -> new TraceAnalysis(new SpanReader().read(file)).callGraph(), 3);
            CallGraph callGraph = new TraceAnalysis(new SpanReader().read(file)).callGraph();
            System.out.printf(Locale.ROOT, "call graph from %,d spans (%.0f MB): %s; %d services, %d edges%n", callGraph.spans(), bytes / 1e6, graph,
                    callGraph.services().size(), callGraph.edges().size());
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.printf(Locale.ROOT, "load average %.2f (%d cores)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Best wall time and its CPU time over {@code rounds} runs. */
    record Timing(double wallMillis, double cpuMillis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f ms wall / %.1f ms cpu", wallMillis, cpuMillis);
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    static Timing time(Work work, int rounds) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        double bestWall = Double.MAX_VALUE, cpuOfBest = 0;
        for (int r = 0; r < rounds; r++) {
            long w0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
            work.run();
            double wall = (System.nanoTime() - w0) / 1e6, cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            if (wall < bestWall) {
                bestWall = wall;
                cpuOfBest = cpu;
            }
        }
        return new Timing(bestWall, cpuOfBest);
    }

    /** Service i calls 2i+1 and 2i+2 (a binary tree); service 37 gets 50 ms slower in bins 600..624. */
    static Observations mesh(int services, int bins, long seed) {
        Random random = new Random(seed);
        List<Signal> signals = new ArrayList<>();
        List<dev.microsim.detector.traces.Edge> edges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            names.add("svc-" + i);
        }
        int root = Math.min(37, services - 1);
        for (int i = 0; i < services; i++) {
            boolean affected = isAncestorOrSelf(i, root);
            for (int e = 0; e < 4; e++) {
                for (String metric : List.of("latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "error_ratio", "requests")) {
                    signals.add(signal(names.get(i), "", metric, bins, random, affected && metric.startsWith("latency") ? 50 : 0));
                }
            }
            for (String metric : List.of("trace_latency_ms", "trace_self_ms", "trace_error_ratio", "trace_origin_error_ratio", "trace_spans",
                    "cpu_ms")) {
                double change = metric.equals("trace_latency_ms") && affected ? 50 : metric.equals("trace_self_ms") && i == root ? 50 : 0;
                signals.add(signal(names.get(i), "", metric, bins, random, change));
            }
            for (int child : new int[] {2 * i + 1, 2 * i + 2}) {
                if (child < services) {
                    edges.add(new dev.microsim.detector.traces.Edge(names.get(i), names.get(child), 1000, 0, 5, 5, 5, 5));
                    for (String metric : List.of("call_latency_ms", "call_error_ratio", "call_count")) {
                        double change = metric.equals("call_latency_ms") && isAncestorOrSelf(child, root) ? 50 : 0;
                        signals.add(signal(names.get(i), names.get(child), metric, bins, random, change));
                    }
                }
            }
        }
        CallGraph graph = new CallGraph(names, java.util.Map.of(), edges, 0, 0, 0, 0);
        return new Observations("synthetic-" + services, new TimeGrid(0, 1000, bins), signals, Optional.of(graph), List.of());
    }

    private static boolean isAncestorOrSelf(int service, int descendant) {
        for (int d = descendant; d >= 0; d = d == 0 ? -1 : (d - 1) / 2) {
            if (d == service) {
                return true;
            }
        }
        return false;
    }

    private static Signal signal(String service, String peer, String metric, int bins, Random random, double change) {
        double base = metric.contains("ratio") ? 0.001 : metric.contains("latency") || metric.contains("self") ? 10 : 100;
        double[] values = new double[bins];
        for (int b = 0; b < bins; b++) {
            values[b] = Math.max(0, base * (1 + 0.05 * random.nextGaussian()) + (b >= 600 && b <= 624 ? change : 0));
        }
        String name = peer.isEmpty() ? service + " " + metric : service + " -> " + peer + " " + metric;
        boolean call = !peer.isEmpty();
        Signal.Kind kind = call ? Signal.Kind.CALL : metric.contains("self") || metric.contains("origin") || metric.equals("cpu_ms")
                ? Signal.Kind.LOCAL : metric.equals("requests") || metric.equals("trace_spans") ? Signal.Kind.LOAD : Signal.Kind.SYMPTOM;
        Signal.Source source = metric.startsWith("trace") || call ? Signal.Source.TRACE : Signal.Source.METRIC;
        return new Signal(service, peer, name, metric, source, kind, Signal.Direction.UP, metric.contains("ratio") ? 0.01 : 0.5, 0.05, values);
    }

    /** Requests of 5 spans (entry server, client, callee server, client, grandchild server) over a 100-service tree. */
    static long writeSpans(Path file, int services, int spans) throws Exception {
        Random random = new Random(3);
        long t0 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            long id = 1;
            for (int n = 0; n < spans; ) {
                int entry = random.nextInt(Math.max(1, services / 4));
                int child = Math.min(services - 1, 2 * entry + 1 + random.nextInt(2));
                int grandchild = Math.min(services - 1, 2 * child + 1 + random.nextInt(2));
                String trace = String.format(Locale.ROOT, "%032x", id);
                long start = t0 + n / 50;
                long a = id++, b = id++, c = id++, d = id++, e = id++;
                n += line(w, trace, a, 0, "svc-" + entry, "GET /", "SERVER", start, 9000);
                n += line(w, trace, b, a, "svc-" + entry, "GET /x", "CLIENT", start, 6000);
                n += line(w, trace, c, b, "svc-" + child, "GET /x", "SERVER", start, 5800);
                n += line(w, trace, d, c, "svc-" + child, "GET /y", "CLIENT", start, 3000);
                n += line(w, trace, e, d, "svc-" + grandchild, "GET /y", "SERVER", start, 2800);
            }
        }
        return Files.size(file);
    }

    private static int line(BufferedWriter w, String trace, long id, long parent, String service, String name, String kind, long start,
                            long micros) throws Exception {
        w.write("{\"traceId\":\"" + trace + "\",\"spanId\":\"" + String.format(Locale.ROOT, "%016x", id) + "\",\"parentSpanId\":"
                + (parent == 0 ? "null" : "\"" + String.format(Locale.ROOT, "%016x", parent) + "\"") + ",\"service\":\"" + service
                + "\",\"instance\":\"" + service + "-0\",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"start\":\""
                + ISO.format(Instant.ofEpochMilli(start)) + "\",\"end\":\"" + ISO.format(Instant.ofEpochMilli(start + micros / 1000))
                + "\",\"durationMicros\":" + micros + ",\"status\":200,\"error\":false}\n");
        return 1;
    }
}
