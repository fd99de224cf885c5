package dev.microsim.faults.testing;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** A MeshTarget that records what was applied, removed, killed and started, on a test clock. */
public final class FakeMesh implements MeshTarget {
    public final MutableClock clock;
    private final Map<String, Integer> replicas;
    public final List<Effect> active = new ArrayList<>();
    public final List<String> log = new ArrayList<>();
    public final Set<String> down = new HashSet<>();
    public Predicate<Effect> refuse = e -> false;
    public int restarts;

    public FakeMesh(MutableClock clock, Map<String, Integer> replicas) {
        this.clock = clock;
        this.replicas = replicas;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public int replicas(String service) {
        Integer n = replicas.get(service);
        if (n == null) throw new IllegalArgumentException("unknown service " + service);
        return n;
    }

    @Override
    public synchronized EffectHandle apply(Effect effect) {
        if (refuse.test(effect)) throw new IllegalStateException("refused " + effect.getClass().getSimpleName());
        active.add(effect);
        log.add("apply " + effect);
        Instant at = clock.instant();
        return new EffectHandle() {
            Instant removed;

            public Instant appliedAt() {
                return at;
            }

            public Instant remove() {
                synchronized (FakeMesh.this) {
                    if (removed == null) {
                        removed = clock.instant();
                        active.removeIf(x -> x == effect);
                        log.add("remove " + effect);
                    }
                    return removed;
                }
            }
        };
    }

    @Override
    public synchronized Instant killReplica(String service, int replica) {
        down.add(service + "-" + replica);
        log.add("kill " + service + "-" + replica);
        return clock.instant();
    }

    @Override
    public synchronized Instant startReplica(String service, int replica) {
        down.remove(service + "-" + replica);
        restarts++;
        log.add("start " + service + "-" + replica);
        return clock.instant();
    }

    public synchronized <T extends Effect> List<T> active(Class<T> type) {
        return active.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
