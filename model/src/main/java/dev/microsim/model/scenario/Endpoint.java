package dev.microsim.model.scenario;

import dev.microsim.model.units.ByteSize;
import java.util.List;

/**
 * What a service does when one of its endpoints is called: run {@code steps}, then fail with
 * probability {@code errorProbability} (HTTP 500) or answer with {@code responseSize} bytes.
 * {@code memoryPerRequest} is held for the request's lifetime (memory accounting).
 */
public record Endpoint(EndpointId id, List<Step> steps, double errorProbability, ByteSize responseSize, ByteSize memoryPerRequest) {
    public Endpoint {
        if (id == null) throw new IllegalArgumentException("id is required");
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (!(errorProbability >= 0 && errorProbability <= 1)) {
            throw new IllegalArgumentException("error probability must be in [0, 1], got " + errorProbability);
        }
        if (responseSize == null) responseSize = ByteSize.ZERO;
        if (memoryPerRequest == null) memoryPerRequest = ByteSize.ZERO;
    }

    public Endpoint(EndpointId id, List<Step> steps) {
        this(id, steps, 0, ByteSize.ZERO, ByteSize.ZERO);
    }
}
