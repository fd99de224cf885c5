package dev.microsim.faults.kinds;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * CrashLoopBackOff: the target replicas are killed, restart after {@code restartDelay}, serve for
 * {@code uptime}, are killed again, and so on until the window ends (then they are left running).
 */
public record CrashLoop(Duration uptime, Duration restartDelay) implements Fault {
    public static final FaultType TYPE = new FaultType("crash-loop", "replicas crash repeatedly: down restartDelay, up uptime, ...",
            List.of("uptime", "restartDelay"), false, (p, target) -> {
                p.targetAllows(target, "crash-loop", false, true, false, false);
                Duration up = p.duration("uptime", Duration.ofSeconds(2), Duration.ofMillis(10));
                Duration down = p.duration("restartDelay", Duration.ofMillis(500), Duration.ofMillis(1));
                return p.ok() ? new CrashLoop(up, down) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "crash loop: down " + Durations.format(restartDelay) + ", up " + Durations.format(uptime) + ", repeated";
    }

    public Applied inject(Injection in) {
        return new Loop(in, in.replicas());
    }

    private final class Loop implements Applied {
        private final Injection in;
        private final Set<Integer> replicas;
        private final Instant appliedAt;
        private boolean down;
        private Instant since;
        private Instant recoveredAt;

        Loop(Injection in, Set<Integer> replicas) {
            this.in = in;
            this.replicas = replicas;
            this.appliedAt = killAll();
        }

        private Instant killAll() {
            Instant last = null;
            for (int r : replicas) {
                Instant at = in.mesh().killReplica(in.target().service(), r);
                if (last == null || at.isAfter(last)) last = at;
            }
            down = true;
            since = last;
            return last;
        }

        private Instant startAll() {
            Instant last = since;
            for (int r : replicas) {
                Instant at = in.mesh().startReplica(in.target().service(), r);
                if (at.isAfter(last)) last = at;
            }
            down = false;
            since = last;
            return last;
        }

        public Instant appliedAt() {
            return appliedAt;
        }

        public synchronized void tick(Instant now) {
            if (recoveredAt != null) return;
            if (down && !now.isBefore(since.plus(restartDelay))) startAll();
            else if (!down && !now.isBefore(since.plus(uptime))) killAll();
        }

        public synchronized Instant recover() {
            if (recoveredAt == null) recoveredAt = down ? startAll() : in.mesh().clock().instant();
            return recoveredAt;
        }
    }
}
