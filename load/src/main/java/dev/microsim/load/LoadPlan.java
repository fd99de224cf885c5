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
 * the run lasts at most, the seed for every random choice, and the client-stats interval.
 */
public record LoadPlan(List<LoadSpec> specs, Function<EndpointRef, URI> resolve, Duration duration, long seed, Duration interval) {
    public LoadPlan {
        specs = List.copyOf(specs);
        if (resolve == null) throw new IllegalArgumentException("resolve is required");
        if (duration == null || duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0, got " + duration);
        if (interval == null || interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0, got " + interval);
    }
}
