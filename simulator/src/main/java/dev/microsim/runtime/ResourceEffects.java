package dev.microsim.runtime;

import dev.microsim.faults.effect.Effect;
import dev.microsim.telemetry.LogRecord.Level;
import dev.microsim.telemetry.LogTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Effects that act on replicas rather than on single requests: CPU hogs (real burning threads),
 * memory held or leaking (accounted, with OOM-kill and restart at the limit), log storms, clock
 * skew. {@link #start} installs one and returns how to undo it.
 */
final class ResourceEffects implements AutoCloseable {
    private static final long TICK_MS = 100;
    private final LocalMesh mesh;
    private final List<Runnable> stops = new CopyOnWriteArrayList<>();

    ResourceEffects(LocalMesh mesh) {
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

    private List<ReplicaServer> matching(Effect e) {
        List<ReplicaServer> out = new ArrayList<>();
        for (ReplicaServer r : mesh.node(e.scope().service()).replicas) {
            if (e.scope().matchesReplica(r.node.name(), r.index)) out.add(r);
        }
        return out;
    }

    private Runnable cpuBurn(Effect.CpuBurn b) {
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        for (ReplicaServer r : matching(b)) {
            int n = (int) Math.ceil(b.cores());
            double duty = b.cores() / n;
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    // Burn duty*10ms of CPU in every 10ms slice, accounted to the replica's service.
                    while (!stopped.get() && !Thread.currentThread().isInterrupted()) {
                        long t0 = System.nanoTime();
                        if (r.up()) r.node.stats.addCpuNanos(CpuWork.burn(Math.round(duty * 10_000_000)));
                        long rest = 10_000_000 - (System.nanoTime() - t0);
                        if (rest > 0) java.util.concurrent.locks.LockSupport.parkNanos(rest);
                    }
                }, "microsim-cpuburn-" + r.instance);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }
        return () -> {
            stopped.set(true);
            threads.forEach(Thread::interrupt);
        };
    }

    private Runnable memory(Effect.Memory m) {
        List<ReplicaServer> targets = matching(m);
        List<AtomicLong> held = new ArrayList<>();
        for (ReplicaServer r : targets) {
            AtomicLong own = new AtomicLong(m.initialBytes());
            r.effectMemory.addAndGet(m.initialBytes());
            held.add(own);
        }
        // Growth follows elapsed time, not tick count, so a late timer on a busy machine loses nothing.
        long[] last = {System.nanoTime()};
        long timer = mesh.vertx.setPeriodic(TICK_MS, id -> {
            long now = System.nanoTime();
            long grow = Math.round(m.growthBytesPerSecond() * (now - last[0]) / 1e9);
            last[0] = now;
            for (int i = 0; i < targets.size(); i++) {
                ReplicaServer r = targets.get(i);
                if (!r.up()) continue;
                if (grow > 0) {
                    held.get(i).addAndGet(grow);
                    r.effectMemory.addAndGet(grow);
                }
                if (r.memoryBytes() >= r.memoryLimit()) oomKill(r, held.get(i));
            }
        });
        return () -> {
            mesh.vertx.cancelTimer(timer);
            for (int i = 0; i < targets.size(); i++) targets.get(i).effectMemory.addAndGet(-held.get(i).getAndSet(0));
        };
    }

    /** The kernel's OOM killer: the replica dies, its leaked memory is gone, it restarts. */
    private void oomKill(ReplicaServer r, AtomicLong own) {
        long accounted = r.memoryBytes();
        r.telemetry.log(Level.ERROR, null, LogTemplates.OOM, accounted, r.memoryLimit(), r.instance);
        r.effectMemory.addAndGet(-own.getAndSet(0));
        String service = r.node.name();
        mesh.vertx.executeBlocking(() -> {
            mesh.killReplica(service, r.index);
            Thread.sleep(mesh.options.oomRestartDelay().toMillis());
            return mesh.startReplica(service, r.index);
        }, false);
    }

    private Runnable logStorm(Effect.LogStorm l) {
        List<ReplicaServer> targets = matching(l);
        Level level = "ERROR".equals(l.level() == null ? "" : l.level().toUpperCase(Locale.ROOT)) ? Level.ERROR : Level.WARN;
        double[] owed = new double[targets.size()];
        long[] seq = {0};
        long[] last = {System.nanoTime()};
        long timer = mesh.vertx.setPeriodic(TICK_MS, id -> {
            long now = System.nanoTime();
            double due = l.perSecond() * (now - last[0]) / 1e9;
            last[0] = now;
            for (int i = 0; i < targets.size(); i++) {
                ReplicaServer r = targets.get(i);
                if (!r.up()) continue;
                owed[i] += due;
                while (owed[i] >= 1) {
                    owed[i] -= 1;
                    long n = ++seq[0];
                    if (level == Level.ERROR) {
                        r.telemetry.log(level, null, LogTemplates.STORM_ERROR, "batch-" + n, "audit-sink", 1000 + n % 500);
                    } else {
                        r.telemetry.log(level, null, LogTemplates.STORM_WARN, "db-pool", 48 + n % 3, 50);
                    }
                }
            }
        });
        return () -> mesh.vertx.cancelTimer(timer);
    }

    private Runnable clockSkew(Effect.ClockSkew c) {
        List<ReplicaServer> targets = matching(c);
        long nanos = c.offset().toNanos();
        targets.forEach(r -> r.telemetry.addSkew(nanos));
        return () -> targets.forEach(r -> r.telemetry.addSkew(-nanos));
    }

    @Override
    public void close() {
        for (Runnable r : List.copyOf(stops)) r.run();
    }
}
