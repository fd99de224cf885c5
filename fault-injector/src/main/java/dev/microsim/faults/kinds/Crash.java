package dev.microsim.faults.kinds;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kills the target replicas (all, or the listed ones). They start again after {@code restartDelay}
 * if given, else when the fault's window ends. In-flight requests fail; callers see refusals.
 */
public record Crash(Optional<Duration> restartDelay) implements Fault {
    public static final FaultType TYPE = new FaultType("crash", "kills replicas; they restart after a delay or at the window's end",
            List.of("restartDelay"), false, (p, target) -> {
                p.targetAllows(target, "crash", false, true, false, false);
                Duration d = p.duration("restartDelay", null, Duration.ofMillis(1));
                return p.ok() ? new Crash(Optional.ofNullable(d)) : null;
            });

    public String kind() {
        return TYPE.name();
    }

    public String describe() {
        return "kills replicas" + restartDelay.map(d -> ", restarting them after " + Durations.format(d)).orElse(" until the window ends");
    }

    public Applied inject(Injection in) {
        return new Down(in, in.replicas(), restartDelay);
    }

    /** Replicas killed at injection, started again by {@link #tick} after the delay or by {@link #recover}. */
    static final class Down implements Applied {
        private final Injection in;
        private final List<Integer> replicas;
        private final Optional<Duration> restartDelay;
        private final Instant killedAt;
        private Instant startedAt;

        Down(Injection in, Set<Integer> replicas, Optional<Duration> restartDelay) {
            this.in = in;
            this.replicas = new ArrayList<>(replicas);
            this.restartDelay = restartDelay;
            Instant last = null;
            List<Integer> killed = new ArrayList<>();
            try {
                for (int r : this.replicas) {
                    Instant at = in.mesh().killReplica(in.target().service(), r);
                    killed.add(r);
                    if (last == null || at.isAfter(last)) last = at;
                }
            } catch (RuntimeException e) { // bring back what we killed before failing loudly
                for (int r : killed) {
                    try {
                        in.mesh().startReplica(in.target().service(), r);
                    } catch (RuntimeException s) {
                        e.addSuppressed(s);
                    }
                }
                throw e;
            }
            this.killedAt = last;
        }

        public Instant appliedAt() {
            return killedAt;
        }

        public synchronized void tick(Instant now) {
            if (startedAt == null && restartDelay.isPresent() && !now.isBefore(killedAt.plus(restartDelay.get()))) startAll();
        }

        public synchronized Instant recover() {
            if (startedAt == null) startAll();
            return startedAt;
        }

        private void startAll() {
            Instant last = killedAt;
            for (int r : replicas) {
                Instant at = in.mesh().startReplica(in.target().service(), r);
                if (at.isAfter(last)) last = at;
            }
            startedAt = last;
        }
    }
}
