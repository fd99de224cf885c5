package dev.microsim.sim;

import dev.microsim.engine.Behaviour;
import dev.microsim.engine.CallResult;
import dev.microsim.engine.Cancellable;
import dev.microsim.engine.MeshModel;
import dev.microsim.engine.MeshSampler;
import dev.microsim.engine.Outbound;
import dev.microsim.engine.ReplicaInterpreter;
import dev.microsim.engine.ServiceState;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.telemetry.ServiceStats;
import dev.microsim.telemetry.TelemetrySink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's mesh in virtual time: the same engine-neutral {@link MeshModel} and interpreters as
 * the live mesh, each replica a {@link SimReplica} on one {@link EventLoop}. Implements the fault
 * injector's {@link MeshTarget}; every operation takes effect at the current virtual instant and must
 * be called on the loop's thread (from an event, or before the loop runs).
 */
public final class SimMesh implements MeshTarget {
    /** What a replica's start log line says it listens on: every simulated replica is a pod on the usual container port. */
    static final int PORT = 8080;

    final EventLoop loop;
    final SimClock clock;
    final SimOptions options;
    final TelemetrySink sink;
    final long seed;
    final MeshModel model;
    /** The platform's costs (hops, hand-offs, timers), drawn on their own stream. */
    final PlatformDraws platform;
    private final Map<String, List<SimReplica>> replicas = new LinkedHashMap<>();

    public SimMesh(Scenario scenario, Behaviour behaviour, SimOptions options, TelemetrySink sink, EventLoop loop, SimClock clock) {
        this.loop = loop;
        this.clock = clock;
        this.options = options;
        this.sink = sink;
        this.seed = behaviour.seed();
        this.platform = new PlatformDraws(options.platform(), behaviour.seed());
        this.model = new MeshModel(scenario, behaviour, clock, this::killAndRestart);
        for (Service s : scenario.services().values()) {
            ServiceState state = model.addService(s, new ServiceStats(s.name(), false));
            List<SimReplica> list = new ArrayList<>(s.replicas());
            for (int i = 0; i < s.replicas(); i++) list.add(new SimReplica(this, state, i));
            replicas.put(s.name(), list);
        }
    }

    /** Brings every replica up at the current virtual instant. */
    public void start() {
        for (List<SimReplica> list : replicas.values()) for (SimReplica r : list) r.interpreter.started(PORT);
    }

    public MeshModel model() {
        return model;
    }

    public MeshSampler sampler() {
        return model.sampler();
    }

    public EventLoop loop() {
        return loop;
    }

    /**
     * Sends a request to a replica of {@code call.service()}: round robin among its replicas, as callers
     * do (a dead one is still picked until discovery drops it, and refuses); {@code fromOutside} load
     * reaches only replicas that are up (a killed one's listener is gone from the service port).
     */
    Cancellable send(Outbound call, CallResult result, boolean fromOutside) {
        if (!fromOutside) throw new IllegalArgumentException("a call inside the mesh is sent by its replica: send(call, result, replica)");
        return send(call, result, null);
    }

    /** Sends a request from {@code caller}, or from outside when it is null (then only to replicas that are up). */
    Cancellable send(Outbound call, CallResult result, SimReplica caller) {
        ServiceState callee = model.hosted(call.service());
        if (callee == null) throw new IllegalStateException("unknown service \"" + call.service() + "\"");
        ReplicaInterpreter target = caller == null ? pickUp(callee) : callee.pick(loop.now());
        SimCall sim = new SimCall(call, result, loop, platform, caller, target == null ? null : (SimReplica) target.engine());
        sim.send();
        return sim;
    }

    /** Round robin skipping every replica that is down (as if discovery had long caught up); null when none is up. */
    private static ReplicaInterpreter pickUp(ServiceState service) {
        ReplicaInterpreter r = service.pick(Long.MAX_VALUE / 2);
        return r.up() ? r : null;
    }

    private SimReplica replica(String service, int replica) {
        List<SimReplica> list = replicas.get(service);
        if (list == null) throw new IllegalArgumentException("unknown service \"" + service + "\"");
        if (replica < 0 || replica >= list.size()) {
            throw new IllegalArgumentException("service \"" + service + "\" has replicas 0.." + (list.size() - 1) + ", got " + replica);
        }
        return list.get(replica);
    }

    // ---------------------------------------------------------------- MeshTarget

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public int replicas(String service) {
        List<SimReplica> list = replicas.get(service);
        if (list == null) throw new IllegalArgumentException("unknown service \"" + service + "\"");
        return list.size();
    }

    @Override
    public EffectHandle apply(Effect effect) {
        return model.apply(effect);
    }

    @Override
    public Instant killReplica(String service, int replica) {
        SimReplica r = replica(service, replica);
        if (r.interpreter.kill()) r.cpu.clear();
        return clock.instant();
    }

    @Override
    public Instant startReplica(String service, int replica) {
        SimReplica r = replica(service, replica);
        if (r.interpreter.up()) return clock.instant();
        r.interpreter.started(PORT);
        r.cpu.wake();
        r.interpreter.service().stats().restarted();
        return clock.instant();
    }

    private void killAndRestart(String service, int replica, Duration delay) {
        killReplica(service, replica);
        loop.after(delay.toNanos(), () -> startReplica(service, replica));
    }

    /** Stops every resource effect still running. */
    public void close() {
        model.close();
    }
}
