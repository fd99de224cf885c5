package dev.microsim.detector.traces;

import dev.microsim.detector.telemetry.MetricSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Links every span to its parent once, then derives the {@link CallGraph} and per-interval trace
 * series from the links. A call is a span whose parent is in another service (the caller's client
 * span when it has one, so the latency is what the caller waited); a client span with nothing
 * below it is an unanswered call (see {@link CallGraph} for how it is attributed).
 */
public final class TraceAnalysis {

    private final SpanTable spans;
    private final List<String> nodes;
    private final long orphans;
    private final long unanswered;
    private final long unattributed;
    /** One row per call. */
    private final int[] callCaller;
    private final int[] callCallee;
    private final long[] callStart;
    private final long[] callLatency;
    private final boolean[] callError;
    private final boolean[] callUnanswered;
    private final int[] callStatus;
    private final int calls;
    /** Per span: a failed server span none of whose calls failed on the callee's side (see {@link #originatedError}). */
    private final boolean[] originError;
    /** Per span: the time it spent outside calls it made (server spans; 0 for others). */
    private final long[] selfMicros;

    public TraceAnalysis(SpanTable spans) {
        this.spans = spans;
        this.nodes = new ArrayList<>(spans.services());
        int n = spans.size();
        SpanIndex index = new SpanIndex(spans);
        int[] parent = new int[n];
        long orphanCount = 0;
        for (int i = 0; i < n; i++) {
            parent[i] = -1;
            if (spans.hasParent(i)) {
                int p = index.row(spans.parentId[i]);
                if (p < 0 || p == i || spans.traceHigh[p] != spans.traceHigh[i] || spans.traceLow[p] != spans.traceLow[i]) {
                    orphanCount++;
                } else {
                    parent[i] = p;
                }
            }
        }
        orphans = orphanCount;
        int[] caller = new int[n];
        int[] callee = new int[n];
        long[] start = new long[n];
        long[] latency = new long[n];
        boolean[] failed = new boolean[n];
        int[] status = new int[n];
        int count = 0;
        boolean[] answered = new boolean[n];
        long[] inCalls = new long[n];
        boolean[] calleeFailed = new boolean[n]; // per span: one of its calls failed on the callee's side (5xx, no answer)
        Map<Long, Map<Integer, Integer>> learned = new HashMap<>(); // (caller service, operation) -> callee service -> count
        for (int i = 0; i < n; i++) {
            int p = parent[i];
            if (p < 0) {
                continue;
            }
            if (spans.service[p] != spans.service[i]) {
                boolean viaClient = SpanKind.values()[spans.kind[p]].outgoing();
                caller[count] = spans.service[p];
                callee[count] = spans.service[i];
                start[count] = viaClient ? spans.startMicros[p] : spans.startMicros[i];
                latency[count] = viaClient ? spans.durationMicros[p] : spans.durationMicros[i];
                failed[count] = spans.error[i] || (viaClient && spans.error[p]);
                status[count] = viaClient ? spans.status[p] : spans.status[i];
                count++;
                if (!viaClient && spans.error[i] && !clientError(spans.status[i])) {
                    calleeFailed[p] = true; // a direct cross-service child, no client span between
                }
                if (viaClient && !answered[p]) {
                    answered[p] = true;
                    learned.computeIfAbsent(key(spans.service[p], spans.name[p]), k -> new HashMap<>()).merge(spans.service[i], 1, Integer::sum);
                }
            } else if (SpanKind.values()[spans.kind[i]].outgoing()) {
                inCalls[p] += spans.durationMicros[i];
                if (spans.error[i] && !clientError(spans.status[i])) {
                    calleeFailed[p] = true;
                }
            }
        }
        boolean[] unansweredCall = new boolean[n];
        long unansweredCount = 0, unattributedCount = 0;
        Map<String, Integer> unknownNodes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (!SpanKind.values()[spans.kind[i]].outgoing() || answered[i]) {
                continue;
            }
            unansweredCount++;
            Map<Integer, Integer> seen = learned.get(key(spans.service[i], spans.name[i]));
            int target;
            if (seen != null) {
                target = seen.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
            } else {
                unattributedCount++;
                target = unknownNodes.computeIfAbsent(CallGraph.UNKNOWN_PREFIX + spans.name(i), u -> {
                    nodes.add(u);
                    return nodes.size() - 1;
                });
            }
            caller[count] = spans.service[i];
            callee[count] = target;
            start[count] = spans.startMicros[i];
            latency[count] = spans.durationMicros[i];
            failed[count] = spans.error[i];
            status[count] = spans.status[i];
            unansweredCall[count] = true;
            count++;
        }
        unanswered = unansweredCount;
        unattributed = unattributedCount;
        calls = count;
        callCaller = Arrays.copyOf(caller, count);
        callCallee = Arrays.copyOf(callee, count);
        callStart = Arrays.copyOf(start, count);
        callLatency = Arrays.copyOf(latency, count);
        callError = Arrays.copyOf(failed, count);
        callUnanswered = Arrays.copyOf(unansweredCall, count);
        callStatus = Arrays.copyOf(status, count);
        originError = new boolean[n];
        for (int i = 0; i < n; i++) {
            originError[i] = spans.kind[i] == SpanKind.SERVER.ordinal() && spans.error[i] && !calleeFailed[i];
        }
        selfMicros = new long[n];
        for (int i = 0; i < n; i++) {
            if (spans.kind[i] == SpanKind.SERVER.ordinal()) {
                selfMicros[i] = Math.max(0, spans.durationMicros[i] - inCalls[i]);
            }
        }
    }

    /** A 4xx answer blames the request, so the caller, not the service that answered. */
    private static boolean clientError(int status) {
        return status >= 400 && status < 500;
    }

    /**
     * Whether a failed server span failed on its own account: none of the calls it made failed on
     * the callee's side (a 5xx answer or none at all). A call answered 4xx does not clear it: the
     * request was wrong, so the error starts here (a misconfigured caller).
     */
    public boolean originatedError(int span) {
        return originError[span];
    }

    private static long key(int service, int name) {
        return ((long) service << 32) | (name & 0xffffffffL);
    }

    public SpanTable spans() {
        return spans;
    }

    public CallGraph callGraph() {
        Map<Long, long[]> latencies = new LinkedHashMap<>();
        Map<Long, int[]> counts = new HashMap<>(); // [size, errors]
        for (int c = 0; c < calls; c++) {
            long edge = key(callCaller[c], callCallee[c]);
            int[] k = counts.computeIfAbsent(edge, e -> new int[2]);
            long[] values = latencies.computeIfAbsent(edge, e -> new long[16]);
            if (k[0] == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
                latencies.put(edge, values);
            }
            values[k[0]++] = callLatency[c];
            if (callError[c]) {
                k[1]++;
            }
        }
        List<Edge> edges = new ArrayList<>();
        latencies.forEach((edge, values) -> {
            int[] k = counts.get(edge);
            long[] sorted = Arrays.copyOf(values, k[0]);
            Arrays.sort(sorted);
            double sum = 0;
            for (long v : sorted) {
                sum += v;
            }
            edges.add(new Edge(nodes.get((int) (edge >>> 32)), nodes.get((int) (long) edge), k[0], k[1], sum / k[0] / 1000,
                    quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 0.99)));
        });
        edges.sort(java.util.Comparator.comparing(Edge::caller).thenComparing(Edge::callee));
        Map<String, TreeSet<String>> endpoints = new TreeMap<>();
        for (int i = 0; i < spans.size(); i++) {
            if (spans.kind[i] == SpanKind.SERVER.ordinal()) {
                endpoints.computeIfAbsent(spans.service(i), s -> new TreeSet<>()).add(spans.name(i));
            }
        }
        Map<String, List<String>> endpointLists = new TreeMap<>();
        endpoints.forEach((s, e) -> endpointLists.put(s, List.copyOf(e)));
        List<String> services = new ArrayList<>(new TreeSet<>(nodes));
        return new CallGraph(services, endpointLists, edges, spans.size(), orphans, unanswered, unattributed);
    }

    /** Nearest-rank quantile, in milliseconds. */
    private static double quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    /**
     * Per-interval series on the grid {@code [origin + i step, origin + (i+1) step)}, by span start:
     * per service (server spans) {@code trace_spans}, {@code trace_errors}, {@code trace_latency_ms}
     * and {@code trace_self_ms} (means; NaN in an interval without spans), {@code trace_origin_errors}
     * (see {@link #originatedError}); per edge, named {@code caller/-> callee/metric},
     * {@code call_count}, {@code call_errors} (failed on the callee's side: 5xx or no answer),
     * {@code call_client_errors} (answered 4xx: the caller's request was wrong),
     * {@code call_latency_ms}, {@code call_unanswered} (client spans nothing answered).
     */
    public List<MetricSeries> series(long originMillis, long stepMillis, int bins) {
        long origin = originMillis * 1000;
        long step = stepMillis * 1000;
        long[] instants = new long[bins];
        for (int b = 0; b < bins; b++) {
            instants[b] = originMillis + b * stepMillis;
        }
        Map<String, double[][]> perService = new TreeMap<>(); // [count, errors, duration sum, self sum, originated errors]
        for (int i = 0; i < spans.size(); i++) {
            if (spans.kind[i] != SpanKind.SERVER.ordinal()) {
                continue;
            }
            int bin = bin(spans.startMicros[i], origin, step, bins);
            if (bin < 0) {
                continue;
            }
            double[][] s = perService.computeIfAbsent(spans.service(i), k -> new double[5][bins]);
            s[0][bin]++;
            s[1][bin] += spans.error[i] ? 1 : 0;
            s[2][bin] += spans.durationMicros[i] / 1000.0;
            s[3][bin] += selfMicros[i] / 1000.0;
            s[4][bin] += originError[i] ? 1 : 0;
        }
        Map<String, double[][]> perEdge = new TreeMap<>();
        for (int c = 0; c < calls; c++) {
            int bin = bin(callStart[c], origin, step, bins);
            if (bin < 0) {
                continue;
            }
            double[][] e = perEdge.computeIfAbsent(nodes.get(callCaller[c]) + "\u0000" + nodes.get(callCallee[c]), k -> new double[5][bins]);
            e[0][bin]++;
            e[1][bin] += callError[c] && !clientError(callStatus[c]) ? 1 : 0;
            e[2][bin] += callLatency[c] / 1000.0;
            e[3][bin] += callUnanswered[c] ? 1 : 0;
            e[4][bin] += callError[c] && clientError(callStatus[c]) ? 1 : 0;
        }
        List<MetricSeries> out = new ArrayList<>();
        perService.forEach((service, s) -> {
            out.add(new MetricSeries(service + "//trace_spans", service, "", "trace_spans", instants.clone(), s[0]));
            out.add(new MetricSeries(service + "//trace_errors", service, "", "trace_errors", instants.clone(), s[1]));
            out.add(new MetricSeries(service + "//trace_latency_ms", service, "", "trace_latency_ms", instants.clone(), mean(s[2], s[0])));
            out.add(new MetricSeries(service + "//trace_self_ms", service, "", "trace_self_ms", instants.clone(), mean(s[3], s[0])));
            out.add(new MetricSeries(service + "//trace_origin_errors", service, "", "trace_origin_errors", instants.clone(), s[4]));
        });
        perEdge.forEach((key, e) -> {
            String caller = key.substring(0, key.indexOf('\u0000'));
            String callee = key.substring(key.indexOf('\u0000') + 1);
            String endpoint = "-> " + callee;
            String prefix = caller + "/" + endpoint + "/";
            out.add(new MetricSeries(prefix + "call_count", caller, endpoint, "call_count", instants.clone(), e[0]));
            out.add(new MetricSeries(prefix + "call_errors", caller, endpoint, "call_errors", instants.clone(), e[1]));
            out.add(new MetricSeries(prefix + "call_latency_ms", caller, endpoint, "call_latency_ms", instants.clone(), mean(e[2], e[0])));
            out.add(new MetricSeries(prefix + "call_unanswered", caller, endpoint, "call_unanswered", instants.clone(), e[3]));
            out.add(new MetricSeries(prefix + "call_client_errors", caller, endpoint, "call_client_errors", instants.clone(), e[4]));
        });
        return out;
    }

    private static int bin(long micros, long origin, long step, int bins) {
        if (micros < origin) {
            return -1;
        }
        long b = (micros - origin) / step;
        return b < bins ? (int) b : -1;
    }

    private static double[] mean(double[] sums, double[] counts) {
        double[] mean = new double[sums.length];
        for (int b = 0; b < sums.length; b++) {
            mean[b] = counts[b] == 0 ? Double.NaN : sums[b] / counts[b];
        }
        return mean;
    }
}
