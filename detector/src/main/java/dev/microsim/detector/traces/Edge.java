package dev.microsim.detector.traces;

/**
 * Calls from one service to another over the whole trace dump: how many, how many failed, and the
 * latency the caller saw (its client span; the callee's server span when the caller has none).
 */
public record Edge(String caller, String callee, long calls, long errors, double meanLatencyMs, double p50LatencyMs,
                   double p95LatencyMs, double p99LatencyMs) {

    public double errorRate() {
        return calls == 0 ? Double.NaN : (double) errors / calls;
    }
}
