package dev.microsim.detector.rank;

import dev.microsim.detector.rank.Signal.Direction;
import dev.microsim.detector.rank.Signal.Kind;
import java.util.Locale;

/**
 * What a metric name means for root-cause analysis: its {@link Kind} and bad {@link Direction}.
 * MicroSim's names (docs/dataset-format.md) are known exactly; other names (RCAEval columns such
 * as {@code cart_cpu}, {@code cart_latency-90}) by the words they contain.
 */
final class SignalCatalog {

    record Meaning(Kind kind, Direction direction, double resolution, double relativeFloor) {
        Meaning(Kind kind, Direction direction, double resolution) {
            this(kind, direction, resolution, Signal.DEFAULT_RELATIVE_FLOOR);
        }
    }

    /**
     * Resolutions: one event; one percentage point; half a millisecond; 10 ms of CPU per interval
     * (1 % of a core per second: less means nothing on a shared machine); one MiB. Unknown units: 0
     * (only the relative floor).
     */
    static final double COUNT = 1, RATIO = 0.01, MILLIS = 0.5, CPU_MILLIS = 10, MEBIBYTE = 1 << 20;

    private SignalCatalog() {
    }

    static Meaning metric(String metric) {
        return switch (metric) {
            case "requests", "trace_spans", "call_count" -> new Meaning(Kind.LOAD, Direction.BOTH, COUNT);
            case "errors", "trace_errors", "inflight", "queue_length" -> new Meaning(Kind.SYMPTOM, Direction.UP, COUNT);
            case "error_ratio", "trace_error_ratio" -> new Meaning(Kind.SYMPTOM, Direction.UP, RATIO);
            case "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "latency_mean_ms", "trace_latency_ms" ->
                    new Meaning(Kind.SYMPTOM, Direction.UP, MILLIS);
            case "rejections", "restarts", "trace_origin_errors" -> new Meaning(Kind.LOCAL, Direction.UP, COUNT);
            case "trace_origin_error_ratio" -> new Meaning(Kind.LOCAL, Direction.UP, RATIO);
            case "cpu_ms" -> new Meaning(Kind.LOCAL, Direction.UP, CPU_MILLIS);
            case "trace_self_ms" -> new Meaning(Kind.LOCAL, Direction.UP, MILLIS);
            case "memory_bytes" -> new Meaning(Kind.LOCAL, Direction.UP, MEBIBYTE);
            case "replicas_up" -> new Meaning(Kind.LOCAL, Direction.DOWN, COUNT);
            case "call_errors", "call_unanswered", "call_client_errors" -> new Meaning(Kind.CALL, Direction.UP, COUNT);
            case "call_error_ratio", "call_unanswered_ratio", "call_client_error_ratio" -> new Meaning(Kind.CALL, Direction.UP, RATIO);
            case "call_fanout" -> new Meaning(Kind.CALL, Direction.UP, RATIO, 0.25); // calls per request jitter with the request mix
            case "call_latency_ms" -> new Meaning(Kind.CALL, Direction.UP, MILLIS);
            default -> byWords(metric);
        };
    }

    private static Meaning byWords(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.contains("cpu") || m.contains("mem") || m.contains("disk") || m.contains("restart")) {
            return new Meaning(Kind.LOCAL, Direction.UP, 0);
        }
        if (m.contains("lat") || m.contains("err") || m.contains("duration") || m.contains("time")) {
            return new Meaning(Kind.SYMPTOM, Direction.UP, 0);
        }
        if (m.contains("workload") || m.contains("request") || m.contains("count") || m.contains("rate") || m.contains("throughput")) {
            return new Meaning(Kind.LOAD, Direction.BOTH, 0);
        }
        return new Meaning(Kind.SYMPTOM, Direction.BOTH, 0);
    }
}
