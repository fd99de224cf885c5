package dev.microsim.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * How the discrete-event engine runs a scenario: the virtual instant the run starts at (datasets of
 * one scenario and seed are byte-identical, so they cannot carry the wall time), what the platform
 * adds to the scenario's costs ({@link PlatformCosts}: the hop each way, compute hand-offs, timers),
 * and which signals to write besides metrics (traces, logs: off makes very long or very large runs
 * cheaper).
 */
public record SimOptions(Instant epoch, PlatformCosts platform, boolean traces, boolean logs) {
    /** 2026-01-01T00:00:00Z: a midnight, so a diurnal profile's day lines up with the calendar's. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    public SimOptions {
        if (epoch == null) epoch = DEFAULT_EPOCH;
        if (platform == null) platform = PlatformCosts.IDEAL;
    }

    public static SimOptions defaults() {
        return new SimOptions(DEFAULT_EPOCH, PlatformCosts.IDEAL, true, true);
    }

    /** These options with a constant {@code hop} each way (the other platform costs kept). */
    public SimOptions withHopLatency(Duration hop) {
        return withPlatform(platform.withHop(hop));
    }

    public SimOptions withPlatform(PlatformCosts costs) {
        return new SimOptions(epoch, costs, traces, logs);
    }

    public SimOptions withSignals(boolean traces, boolean logs) {
        return new SimOptions(epoch, platform, traces, logs);
    }
}
