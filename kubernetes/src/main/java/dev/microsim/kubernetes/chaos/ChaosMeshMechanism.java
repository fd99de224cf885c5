package dev.microsim.kubernetes.chaos;

import dev.microsim.faults.kinds.Applied;
import dev.microsim.faults.kinds.Crash;
import dev.microsim.faults.kinds.CrashLoop;
import dev.microsim.faults.kinds.Fault;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.kinds.Injection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Faults on Kubernetes: a Chaos Mesh resource where {@link ChaosMapping} has one (created at
 * injection with the fault's remaining window as its own {@code duration}, so that Chaos Mesh
 * ends it even if MicroSim dies; deleted at recovery), otherwise the fallback (the catalogue's
 * own effects sent to the pods' control endpoints). The scheduler recovers on every path (end,
 * error, Ctrl-C), and {@code microsim recover} deletes what a dead run left, by label.
 */
public final class ChaosMeshMechanism implements FaultMechanism {
    public static final String CONTROL_ENDPOINT = "control-endpoint";
    private final ChaosResources chaos;
    private final FaultMechanism fallback;
    private final Clock clock;

    public ChaosMeshMechanism(ChaosResources chaos, FaultMechanism fallback, Clock clock) {
        this.chaos = chaos;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public String name(Fault fault, Injection in) {
        Optional<ChaosPlan> plan = ChaosMapping.plan(fault, in);
        if (plan.isEmpty()) return CONTROL_ENDPOINT;
        return plan.get().mechanism() + (fault instanceof CrashLoop ? ", one per cycle" : "");
    }

    @Override
    public Applied inject(Fault fault, Injection in, Instant plannedEnd) {
        Optional<ChaosPlan> plan = ChaosMapping.plan(fault, in);
        if (plan.isEmpty()) return fallback.inject(fault, in, plannedEnd);
        String id = in.spec().id();
        String kind = in.spec().kind();
        if (fault instanceof CrashLoop loop) return new Cycling(plan.get(), id, kind, loop, plannedEnd);
        Duration left = Duration.between(clock.instant(), plannedEnd);
        if (fault instanceof Crash crash && crash.restartDelay().isPresent() && crash.restartDelay().get().compareTo(left) < 0) {
            left = crash.restartDelay().get();
        }
        Duration window = left;
        ChaosResources.Created created = chaos.create(chaos.build(plan.get(), id, kind, window));
        Optional<Duration> restartAfter = fault instanceof Crash c ? c.restartDelay() : Optional.empty();
        return new One(created, restartAfter);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One resource: deleted at recovery (a crash with a restart delay: once the delay is over). */
    private final class One implements Applied {
        private final ChaosResources.Created created;
        private final Optional<Duration> deleteAfter;
        private Instant deletedAt;

        One(ChaosResources.Created created, Optional<Duration> deleteAfter) {
            this.created = created;
            this.deleteAfter = deleteAfter;
        }

        @Override
        public Instant appliedAt() {
            return created.at();
        }

        @Override
        public synchronized void tick(Instant now) {
            if (deletedAt == null && deleteAfter.isPresent() && !now.isBefore(created.at().plus(deleteAfter.get()))) deletedAt = chaos.delete(created);
        }

        @Override
        public synchronized Instant recover() {
            if (deletedAt == null) deletedAt = chaos.delete(created);
            return deletedAt;
        }
    }

    /** A crash loop: a pod-failure for restartDelay, then uptime without, then again, until recovery. */
    private final class Cycling implements Applied {
        private final ChaosPlan plan;
        private final String id;
        private final String kind;
        private final CrashLoop loop;
        private final Instant plannedEnd;
        private final Instant appliedAt;
        private ChaosResources.Created down;
        private Instant upSince;
        private Instant recoveredAt;

        Cycling(ChaosPlan plan, String id, String kind, CrashLoop loop, Instant plannedEnd) {
            this.plan = plan;
            this.id = id;
            this.kind = kind;
            this.loop = loop;
            this.plannedEnd = plannedEnd;
            this.down = chaos.create(chaos.build(plan, id, kind, shorter(loop.restartDelay(), Duration.between(clock.instant(), plannedEnd))));
            this.appliedAt = down.at();
        }

        @Override
        public Instant appliedAt() {
            return appliedAt;
        }

        @Override
        public synchronized void tick(Instant now) {
            if (recoveredAt != null) return;
            if (down != null && !now.isBefore(down.at().plus(loop.restartDelay()))) {
                upSince = chaos.delete(down);
                down = null;
            } else if (down == null && !now.isBefore(upSince.plus(loop.uptime()))) {
                // Like the local crash loop: killed again whenever the uptime is over, until recovery.
                down = chaos.create(chaos.build(plan, id, kind, shorter(loop.restartDelay(), Duration.between(now, plannedEnd))));
            }
        }

        @Override
        public synchronized Instant recover() {
            if (recoveredAt != null) return recoveredAt;
            recoveredAt = down != null ? chaos.delete(down) : clock.instant();
            down = null;
            return recoveredAt;
        }
    }
}
