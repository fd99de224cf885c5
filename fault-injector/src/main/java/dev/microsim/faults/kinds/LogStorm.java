package dev.microsim.faults.kinds;

import dev.microsim.faults.effect.Effect;
import java.util.List;
import java.util.Set;

/** Each target replica writes {@code rate} extra WARN/ERROR log records per second. */
public record LogStorm(double perSecond, String level) implements Fault {
    public static final FaultType TYPE = new FaultType("log-storm", "floods the logs with WARN or ERROR records",
            List.of("rate", "level"), true, (p, target) -> {
                p.targetAllows(target, "log-storm", false, true, false, false);
                double rate = p.rate("rate", 200);
                if (rate <= 0 || rate > 100_000) p.problem("rate", "must be in (0, 100000]/s, got " + rate + "/s");
                String level = p.choice("level", "error", Set.of("warn", "error"));
                return p.ok() ? new LogStorm(rate, level.toUpperCase(java.util.Locale.ROOT)) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "writes " + perSecond + " " + level + " log records per second per replica";
    }

    public Applied inject(Injection in) {
        return in.apply(new Effect.LogStorm(in.ungradedScope(), perSecond * in.strength(), level));
    }
}
