package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import java.time.Duration;

/** What the active call-side effects do to one outgoing call, resolved once per call. */
public record CallPlan(long delayNanos, Effect.CallFailure.Mode failure, long bytesPerSecond, String redirectPath, int retries,
                Duration backoff, double amplify) {
    static final CallPlan NONE = new CallPlan(0, null, 0, null, -1, Duration.ZERO, 1);
}
