package dev.microsim.load;

import java.time.Instant;
import java.util.Map;

/**
 * The user's view of one load target during one interval: requests completed, errors (status
 * >= 500, connection failures and timeouts), counts by status ({@code 0} for no response), and
 * latency percentiles in milliseconds.
 */
public record ClientStats(Instant intervalStart, String target, long requests, long errors, Map<Integer, Long> byStatus,
                          double p50Millis, double p95Millis, double p99Millis) {
    public ClientStats {
        byStatus = Map.copyOf(byStatus);
    }
}
