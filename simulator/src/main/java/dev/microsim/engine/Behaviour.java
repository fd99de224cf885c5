package dev.microsim.engine;

import java.time.Duration;

/**
 * The engine-neutral knobs of how simulated services behave: the seed every per-request stream
 * derives from, the share of successful requests that write an access log line, how long a dead
 * replica stays in callers' rotation before "service discovery" drops it, and how long an
 * OOM-killed replica takes to come back.
 */
public record Behaviour(long seed, double accessLogShare, Duration discoveryDelay, Duration oomRestartDelay) {
    public Behaviour {
        if (!(accessLogShare >= 0 && accessLogShare <= 1)) throw new IllegalArgumentException("accessLogShare must be in [0, 1], got " + accessLogShare);
        if (discoveryDelay == null || discoveryDelay.isNegative()) throw new IllegalArgumentException("discoveryDelay must be >= 0, got " + discoveryDelay);
        if (oomRestartDelay == null || oomRestartDelay.isNegative()) throw new IllegalArgumentException("oomRestartDelay must be >= 0, got " + oomRestartDelay);
    }

    /** As a run gets it: 2 % access logs, discovery catching up after 2 s, OOM-killed replicas back after 500 ms. */
    public static Behaviour defaults(long seed) {
        return new Behaviour(seed, 0.02, Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    public Behaviour withSeed(long newSeed) {
        return new Behaviour(newSeed, accessLogShare, discoveryDelay, oomRestartDelay);
    }

    public Behaviour withAccessLogShare(double share) {
        return new Behaviour(seed, share, discoveryDelay, oomRestartDelay);
    }

    public Behaviour withDiscoveryDelay(Duration delay) {
        return new Behaviour(seed, accessLogShare, delay, oomRestartDelay);
    }
}
