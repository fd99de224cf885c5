package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;

/** Aborts a share of a service's (or endpoint's) requests with an HTTP status, without running its steps. */
public record HttpError(int status) implements Fault {
    public static final FaultType TYPE = new FaultType("http-error", "answers a share of requests with an HTTP error status",
            List.of("status"), true, (p, target) -> {
                p.targetAllows(target, "http-error", true, true, false, true);
                int status = p.integer("status", 500, 400, 599);
                return p.ok() ? new HttpError(status) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "answers HTTP " + status + " without doing the work";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.Abort(in.scope(), status, null));
    }
}
