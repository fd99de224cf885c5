package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import dev.microsim.telemetry.LogRecord.Level;
import dev.microsim.telemetry.LogTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Effects that act on replicas rather than on single requests, written once for every engine: CPU
 * hogs (the engine burns the cores within the replica's CPU budget), memory held or leaking
 * (accounted, with OOM-kill and restart at the limit), log storms, clock skew. {@link #start}
 * installs one and returns how to undo it.
 */
final class ResourceEffects implements AutoCloseable {
    private static final long TICK_NANOS = 100_000_000L;
    private final MeshModel mesh;
    private final List<Runnable> stops = new CopyOnWriteArrayList<>();

    ResourceEffects(MeshModel mesh) {
        this.mesh = mesh;
    }

    Runnable start(Effect effect) {
        Runnable stop;
        if (effect instanceof Effect.CpuBurn b) stop = cpuBurn(b);
        else if (effect instanceof Effect.Memory m) stop = memory(m);
        else if (effect instanceof Effect.LogStorm l) stop = logStorm(l);
        else if (effect instanceof Effect.ClockSkew c) stop = clockSkew(c);
        else return () -> {};
        Runnable once = new Runnable() {
            boolean done;

            public synchronized void run() {
                if (done) return;
                done = true;
                stops.remove(this);
                stop.run();
            }
        };
        stops.add(once);
        return once;
    }

    /** The matching replicas this engine hosts (a pod hosts one service: effects on others match none here). */
    private List<ReplicaInterpreter> matching(Effect e) {
        List<ReplicaInterpreter> out = new ArrayList<>();
        ServiceState s = mesh.hosted(e.scope().service());
        if (s == null) return out;
        for (ReplicaInterpreter r : s.replicas()) {
            if (e.scope().matchesReplica(s.name(), r.index)) out.add(r);
        }
        return out;
    }

    private Runnable cpuBurn(Effect.CpuBurn b) {
        List<Cancellable> burns = new ArrayList<>();
        for (ReplicaInterpreter r : matching(b)) burns.add(r.engine.burn(b.cores(), r.service.stats::addCpuNanos));
        return () -> burns.forEach(Cancellable::cancel);
    }

    private Runnable memory(Effect.Memory m) {
        List<ReplicaInterpreter> targets = matching(m);
        List<AtomicLong> held = new ArrayList<>();
        List<Ticker> tickers = new ArrayList<>();
        for (ReplicaInterpreter r : targets) {
            AtomicLong own = new AtomicLong(m.initialBytes());
            r.effectMemory.addAndGet(m.initialBytes());
            held.add(own);
            tickers.add(Ticker.every(r.engine, TICK_NANOS, elapsed -> {
                if (!r.up()) return;
                long grow = Math.round(m.growthBytesPerSecond() * elapsed / 1e9);
                if (grow > 0) {
                    own.addAndGet(grow);
                    r.effectMemory.addAndGet(grow);
                }
                if (r.memoryBytes() >= r.memoryLimit()) oomKill(r, own);
            }));
        }
        return () -> {
            tickers.forEach(Ticker::stop);
            for (int i = 0; i < targets.size(); i++) targets.get(i).effectMemory.addAndGet(-held.get(i).getAndSet(0));
        };
    }

    /** The kernel's OOM killer: the replica dies, its leaked memory is gone, it restarts. */
    private void oomKill(ReplicaInterpreter r, AtomicLong own) {
        long accounted = r.memoryBytes();
        r.telemetry.log(Level.ERROR, null, LogTemplates.OOM, accounted, r.memoryLimit(), r.instance);
        r.effectMemory.addAndGet(-own.getAndSet(0));
        mesh.control.killAndRestart(r.service.name(), r.index, mesh.oomRestartDelay);
    }

    private Runnable logStorm(Effect.LogStorm l) {
        Level level = "ERROR".equals(l.level() == null ? "" : l.level().toUpperCase(Locale.ROOT)) ? Level.ERROR : Level.WARN;
        AtomicLong seq = new AtomicLong();
        List<Ticker> tickers = new ArrayList<>();
        for (ReplicaInterpreter r : matching(l)) {
            double[] owed = {0};
            tickers.add(Ticker.every(r.engine, TICK_NANOS, elapsed -> {
                if (!r.up()) return;
                owed[0] += l.perSecond() * elapsed / 1e9;
                while (owed[0] >= 1) {
                    owed[0] -= 1;
                    long n = seq.incrementAndGet();
                    if (level == Level.ERROR) {
                        r.telemetry.log(level, null, LogTemplates.STORM_ERROR, "batch-" + n, "audit-sink", 1000 + n % 500);
                    } else {
                        r.telemetry.log(level, null, LogTemplates.STORM_WARN, "db-pool", 48 + n % 3, 50);
                    }
                }
            }));
        }
        return () -> tickers.forEach(Ticker::stop);
    }

    private Runnable clockSkew(Effect.ClockSkew c) {
        List<ReplicaInterpreter> targets = matching(c);
        long nanos = c.offset().toNanos();
        targets.forEach(r -> r.telemetry.addSkew(nanos));
        return () -> targets.forEach(r -> r.telemetry.addSkew(-nanos));
    }

    @Override
    public void close() {
        for (Runnable r : List.copyOf(stops)) r.run();
    }
}
