package dev.microsim.engine;

import dev.microsim.model.request.RequestKey;
import java.util.SplittableRandom;

/**
 * Where a request's randomness comes from: its own stream, fixed by (scenario seed, request key,
 * service, endpoint), so that the same request makes the same draws (script samples, call
 * probability, retries' fault shares, error, access-log share) however many other requests run
 * beside it and in whatever order they arrive. A call's callee gets a child key fixed by (parent
 * key, the call step's position in the script, the amplified copy, the attempt), so the whole call
 * tree is reproducible. See docs/runtime.md, "Determinism".
 *
 * <p>Mixing is SplitMix64 as the JDK's {@link SplittableRandom} does it ({@link RequestKey#mix}):
 * every input is folded in through the finaliser, so keys that differ in one bit give unrelated streams.
 * The stream itself draws what a {@link SplittableRandom} of its seed would ({@link SplitMix}).
 */
final class RequestRandom {
    private RequestRandom() {}

    /**
     * The {@link SplitMix} seed of one request's stream at one endpoint: {@code mix(mix(mix(seed) ^ key) ^ where(service, endpoint))},
     * with the parts that do not depend on the request made once ({@link #mixedSeed} per mesh,
     * {@link #where} per route).
     */
    static long streamSeed(long mixedSeed, long key, long where) {
        return RequestKey.mix(RequestKey.mix(mixedSeed ^ key) ^ where);
    }

    /** The scenario seed's part of every request stream. */
    static long mixedSeed(long seed) {
        return RequestKey.mix(seed);
    }

    /** The endpoint's part of its requests' streams. */
    static long where(String service, String endpoint) {
        return RequestKey.mix(service.hashCode()) ^ RequestKey.mix(~(long) endpoint.hashCode());
    }

    /** Position of step {@code index} (0-based) in the sequence or parallel block at {@code parentPath} (0: the script itself). */
    static long stepPath(long parentPath, int index) {
        return RequestKey.mix(parentPath) ^ (index + 1L);
    }

    /** Key of attempt {@code attempt} (0 = first try) of amplified copy {@code copy} of the call at {@code stepPath}. */
    static long childKey(long parentKey, long stepPath, int copy, int attempt) {
        return RequestKey.mix(RequestKey.mix(RequestKey.mix(parentKey ^ RequestKey.mix(stepPath)) ^ copy) ^ attempt);
    }
}
