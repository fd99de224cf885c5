package dev.microsim.recorder;

import java.time.Duration;
import java.time.Instant;

/** What the manifest says about the run besides counts and checksums. */
public record RunInfo(String scenarioName, String scenarioSha256, long seed, Instant start, Duration interval) {
    public RunInfo {
        if (scenarioName == null || scenarioName.isBlank()) throw new IllegalArgumentException("scenarioName is required");
        if (start == null) throw new IllegalArgumentException("start is required");
        if (interval == null || interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0, got " + interval);
    }
}
