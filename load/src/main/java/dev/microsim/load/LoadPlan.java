package dev.microsim.load;

import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Everything one load run needs: the scenario's load entries, where each entrypoint lives
 * ({@code resolve} maps {@code frontend GET /home} to {@code http://127.0.0.1:PORT/home}), how long
 * the run lasts at most, the seed for every random choice, the client-stats interval, and which
 * hosts it may send to ({@link TargetRule}: loopback but in a Kubernetes pod).
 */
public record LoadPlan(List<LoadSpec> specs, Function<EndpointRef, URI> resolve, Duration duration, long seed, Duration interval,
                       TargetRule targets) {
    /** A plan whose targets must be on loopback (every use but the load Job in a pod). */
    public LoadPlan(List<LoadSpec> specs, Function<EndpointRef, URI> resolve, Duration duration, long seed, Duration interval) {
        this(specs, resolve, duration, seed, interval, TargetRule.LOOPBACK);
    }

    public LoadPlan {
        specs = List.copyOf(specs);
        if (targets == null) throw new IllegalArgumentException("targets is required");
        if (resolve == null) throw new IllegalArgumentException("resolve is required");
        if (duration == null || duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0, got " + duration);
        if (interval == null || interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0, got " + interval);
    }
}
