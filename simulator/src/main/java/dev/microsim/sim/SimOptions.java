package dev.microsim.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * How the discrete-event engine runs a scenario: the virtual instant the run starts at (datasets of
 * one scenario and seed are byte-identical, so they cannot carry the wall time), the latency of one
 * network hop each way (the live mesh's loopback hop is about this), and which signals to write
 * besides metrics (traces, logs: off makes very long or very large runs cheaper).
 */
public record SimOptions(Instant epoch, Duration hopLatency, boolean traces, boolean logs) {
    /** 2026-01-01T00:00:00Z: a midnight, so a diurnal profile's day lines up with the calendar's. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration DEFAULT_HOP = Duration.ofNanos(150_000);

    public SimOptions {
        if (epoch == null) epoch = DEFAULT_EPOCH;
        if (hopLatency == null) hopLatency = DEFAULT_HOP;
        if (hopLatency.isNegative()) throw new IllegalArgumentException("hopLatency must be >= 0, got " + hopLatency);
    }

    public static SimOptions defaults() {
        return new SimOptions(DEFAULT_EPOCH, DEFAULT_HOP, true, true);
    }

    public SimOptions withHopLatency(Duration hop) {
        return new SimOptions(epoch, hop, traces, logs);
    }

    public SimOptions withSignals(boolean traces, boolean logs) {
        return new SimOptions(epoch, hopLatency, traces, logs);
    }
}
