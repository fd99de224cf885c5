package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A retry storm: the service starts failing {@code failure} of its requests with 503 and its
 * callers retry each failed call up to {@code retries} times after {@code backoff}, multiplying
 * the load on the struggling service (about 1/(1-failure) times with many retries).
 */
public record RetryStorm(int retries, Duration backoff, double failure) implements Fault {
    public static final FaultType TYPE = new FaultType("retry-storm", "callers retry aggressively against a failing service, amplifying its load",
            List.of("retries", "backoff", "failure"), true, (p, target) -> {
                p.targetAllows(target, "retry-storm", false, false, true, true);
                int retries = p.integer("retries", 5, 1, 50);
                Duration backoff = p.duration("backoff", Duration.ZERO, Duration.ZERO);
                double failure = p.number("failure", 0.5, 0.01, 0.99);
                return p.ok() ? new RetryStorm(retries, backoff, failure) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "callers retry " + retries + "x (backoff " + Durations.format(backoff) + ") while " + Math.round(failure * 100) + "% of calls fail with 503";
    }

    public Applied inject(Injection in) {
        Scope calls = in.scope();
        Scope server = new Scope(calls.service(), Optional.empty(), Optional.empty(), Optional.empty(), failure * in.strength());
        return in.apply(new Effect.Retries(calls, retries, backoff), new Effect.Abort(server, 503, null));
    }
}
