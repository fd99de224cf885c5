package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.model.scenario.EndpointId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The effects in force, as a copy-on-write list: the hot path reads one volatile field and, when
 * nothing is applied (the usual case), does no more work.
 */
final class ActiveEffects {
    private volatile List<InstalledEffect> active = List.of();

    synchronized void add(InstalledEffect e) {
        List<InstalledEffect> next = new ArrayList<>(active);
        next.add(e);
        active = List.copyOf(next);
    }

    synchronized void remove(InstalledEffect e) {
        List<InstalledEffect> next = new ArrayList<>(active);
        next.removeIf(x -> x == e);
        active = List.copyOf(next);
    }

    List<InstalledEffect> all() {
        return active;
    }

    boolean isEmpty() {
        return active.isEmpty();
    }

    private static boolean drawShare(Scope scope, RandomGenerator random) {
        return scope.share() >= 1 || random.nextDouble() < scope.share();
    }

    ServerPlan serverPlan(String service, int replica, EndpointId endpoint, RandomGenerator random) {
        List<InstalledEffect> list = active;
        if (list.isEmpty()) return ServerPlan.NONE;
        long delay = 0;
        Effect.Abort abort = null;
        InstalledEffect hang = null;
        double cf = 1;
        double iof = 1;
        boolean any = false;
        for (InstalledEffect ie : list) {
            Effect e = ie.effect;
            if (!(e instanceof Effect.Delay || e instanceof Effect.Abort || e instanceof Effect.Hang || e instanceof Effect.Slowdown)) continue;
            if (!e.scope().matchesServer(service, replica, endpoint) || !drawShare(e.scope(), random)) continue;
            any = true;
            if (e instanceof Effect.Delay d) delay += d.delay().sample(random).toNanos();
            else if (e instanceof Effect.Abort a) { if (abort == null) abort = a; }
            else if (e instanceof Effect.Hang) { if (hang == null) hang = ie; }
            else if (e instanceof Effect.Slowdown s) { cf *= s.computeFactor(); iof *= s.ioFactor(); }
        }
        return any ? new ServerPlan(delay, abort, hang, cf, iof) : ServerPlan.NONE;
    }

    CallPlan callPlan(String caller, String callee, EndpointId endpoint, RandomGenerator random) {
        List<InstalledEffect> list = active;
        if (list.isEmpty()) return CallPlan.NONE;
        long delay = 0;
        Effect.CallFailure.Mode failure = null;
        long bandwidth = 0;
        String redirect = null;
        int retries = -1;
        Duration backoff = Duration.ZERO;
        double amplify = 1;
        boolean any = false;
        for (InstalledEffect ie : list) {
            Effect e = ie.effect;
            if (!(e instanceof Effect.CallDelay || e instanceof Effect.CallFailure || e instanceof Effect.Bandwidth
                    || e instanceof Effect.Redirect || e instanceof Effect.Retries || e instanceof Effect.Amplify)) continue;
            if (!e.scope().matchesCall(caller, callee, endpoint) || !drawShare(e.scope(), random)) continue;
            any = true;
            if (e instanceof Effect.CallDelay d) delay += d.delay().sample(random).toNanos();
            else if (e instanceof Effect.CallFailure f) { if (failure == null) failure = f.mode(); }
            else if (e instanceof Effect.Bandwidth b) bandwidth = bandwidth == 0 ? b.bytesPerSecond() : Math.min(bandwidth, b.bytesPerSecond());
            else if (e instanceof Effect.Redirect r) { if (redirect == null) redirect = r.path(); }
            else if (e instanceof Effect.Retries r) { retries = Math.max(retries, r.retries()); backoff = r.backoff(); }
            else if (e instanceof Effect.Amplify a) amplify *= a.factor();
        }
        return any ? new CallPlan(delay, failure, bandwidth, redirect, retries, backoff, amplify) : CallPlan.NONE;
    }

    /** Concurrency slots held away from {@code replica} of {@code service}. */
    int heldSlots(String service, int replica) {
        List<InstalledEffect> list = active;
        if (list.isEmpty()) return 0;
        int held = 0;
        for (InstalledEffect ie : list) {
            if (ie.effect instanceof Effect.HoldSlots h && h.scope().matchesReplica(service, replica)) held += h.slots();
        }
        return held;
    }
}
