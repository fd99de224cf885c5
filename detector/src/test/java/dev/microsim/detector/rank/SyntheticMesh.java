package dev.microsim.detector.rank;

import dev.microsim.detector.traces.CallGraph;
import dev.microsim.detector.traces.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Observations of a three-service chain {@code front -> mid -> db}, built in memory: every signal a
 * MicroSim dataset gives (metrics and traces), seeded noise, and changes planted in
 * {@code [FAULT_START, FAULT_END]} by the test. One bin per second.
 */
final class SyntheticMesh {

    static final int BINS = 300;
    static final int FAULT_START = 200;
    static final int FAULT_END = 224;
    static final List<String> SERVICES = List.of("front", "mid", "db");

    private final Random random;
    private final List<Signal> signals = new ArrayList<>();
    private final boolean traces;

    SyntheticMesh(long seed, boolean traces) {
        this.random = new Random(seed);
        this.traces = traces;
    }

    /** A signal at {@code base} with relative noise, plus {@code change} during the fault. */
    SyntheticMesh signal(String service, String peer, String metric, double base, double noise, double change, Signal.Source source) {
        double[] values = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            double v = base * (1 + noise * random.nextGaussian());
            if (b >= FAULT_START && b <= FAULT_END) {
                v += change;
            }
            values[b] = Math.max(0, v);
        }
        SignalCatalog.Meaning m = SignalCatalog.metric(metric);
        String name = peer.isEmpty() ? service + " " + metric : service + " -> " + peer + " " + metric;
        signals.add(new Signal(service, peer, name, metric, source, m.kind(), m.direction(), m.resolution(), m.relativeFloor(), values));
        return this;
    }

    /** A healthy mesh: latency in ms, CPU in ms per second, memory in bytes, error ratios, calls. */
    static SyntheticMesh healthy(long seed, boolean traces, Map<String, double[]> changes) {
        SyntheticMesh mesh = new SyntheticMesh(seed, traces);
        double[] none = new double[16];
        for (String s : SERVICES) {
            double[] c = changes.getOrDefault(s, none);
            mesh.signal(s, "", "latency_p50_ms", 10, 0.05, c[0], Signal.Source.METRIC)
                    .signal(s, "", "error_ratio", 0.001, 0.5, c[1], Signal.Source.METRIC)
                    .signal(s, "", "cpu_ms", 200, 0.05, c[2], Signal.Source.METRIC)
                    .signal(s, "", "memory_bytes", 64 << 20, 0.01, c[3], Signal.Source.METRIC)
                    .signal(s, "", "requests", 100, 0.05, 0, Signal.Source.METRIC);
            if (traces) {
                mesh.signal(s, "", "trace_latency_ms", 10, 0.05, c[0], Signal.Source.TRACE)
                        .signal(s, "", "trace_self_ms", 3, 0.05, c[4], Signal.Source.TRACE)
                        .signal(s, "", "trace_error_ratio", 0.001, 0.5, c[1], Signal.Source.TRACE)
                        .signal(s, "", "trace_origin_error_ratio", 0.001, 0.5, c[5], Signal.Source.TRACE)
                        .signal(s, "", "trace_spans", 100, 0.05, 0, Signal.Source.TRACE);
            }
        }
        if (traces) {
            for (String[] edge : new String[][] {{"front", "mid"}, {"mid", "db"}}) {
                double[] c = changes.getOrDefault(edge[0] + "->" + edge[1], none);
                mesh.signal(edge[0], edge[1], "call_latency_ms", 7, 0.05, c[0], Signal.Source.TRACE)
                        .signal(edge[0], edge[1], "call_error_ratio", 0.001, 0.5, c[1], Signal.Source.TRACE)
                        .signal(edge[0], edge[1], "call_unanswered_ratio", 0.0, 0, c[2], Signal.Source.TRACE)
                        .signal(edge[0], edge[1], "call_count", 100, 0.05, 0, Signal.Source.TRACE)
                        .signal(edge[0], edge[1], "call_fanout", 1, 0.02, c[3], Signal.Source.TRACE);
            }
        }
        return mesh;
    }

    Observations observations() {
        Optional<CallGraph> graph = Optional.empty();
        List<String> notes = new ArrayList<>();
        if (traces) {
            graph = Optional.of(new CallGraph(SERVICES, Map.of(), List.of(new Edge("front", "mid", 100, 0, 7, 7, 7, 7),
                    new Edge("mid", "db", 100, 0, 7, 7, 7, 7)), 1000, 0, 0, 0));
        } else {
            notes.add("no traces: no call graph, self times or call errors; ranked on metrics only");
        }
        return new Observations("synthetic", new TimeGrid(0, 1000, BINS), signals, graph, notes);
    }

    static IncidentWindow faultWindow() {
        return new IncidentWindow(FAULT_START - 60, FAULT_START, FAULT_END);
    }

    /** Changes: {latency (ms), error ratio, cpu (ms), memory (bytes), self time (ms), originated error ratio}; for an edge {latency, error ratio, unanswered ratio, fan-out}. */
    static double[] change(double... values) {
        double[] c = new double[16];
        System.arraycopy(values, 0, c, 0, values.length);
        return c;
    }
}
