package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.telemetry.ServiceStats;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine-neutral state of a mesh (or of the part of it one process hosts, e.g. a Kubernetes pod's
 * one service): the hosted services and their replicas' interpreters, the fault effects in force, and
 * how effects are installed and removed. An engine builds it, adds its services and replicas
 * ({@link #addService}, {@link #addReplica}) and implements the rest of
 * {@link dev.microsim.faults.mesh.MeshTarget} (kill, start) itself.
 */
public final class MeshModel implements AutoCloseable {
    final Scenario scenario;
    final long seed;
    /** {@link RequestRandom#mixedSeed} of the seed, made once. */
    final long mixedSeed;
    final double accessLogShare;
    final java.time.Duration oomRestartDelay;
    final ActiveEffects effects = new ActiveEffects();
    final ReplicaControl control;
    private final Behaviour behaviour;
    private final Clock clock;
    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final ResourceEffects resources = new ResourceEffects(this);

    /** @param clock the clock effect handles report their instants in (the run's wall clock, or virtual time) */
    public MeshModel(Scenario scenario, Behaviour behaviour, Clock clock, ReplicaControl control) {
        this.scenario = scenario;
        this.behaviour = behaviour;
        this.seed = behaviour.seed();
        this.mixedSeed = RequestRandom.mixedSeed(seed);
        this.accessLogShare = behaviour.accessLogShare();
        this.oomRestartDelay = behaviour.oomRestartDelay();
        this.clock = clock;
        this.control = control;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** Hosts {@code spec} here, counting into {@code stats}; its replicas are added with {@link #addReplica}. */
    public ServiceState addService(Service spec, ServiceStats stats) {
        ServiceState s = new ServiceState(spec, stats, behaviour.discoveryDelay().toNanos());
        services.put(spec.name(), s);
        return s;
    }

    /** The interpreter of replica {@code index} of {@code service}, acting through {@code engine} and {@code telemetry}. */
    public ReplicaInterpreter addReplica(ServiceState service, int index, ReplicaEngine engine, TelemetryPort telemetry) {
        return addReplica(service, index, service.name() + "-" + index, engine, telemetry);
    }

    /** As above, named {@code instance} in telemetry (a Kubernetes pod: its pod name) instead of {@code service-index}. */
    public ReplicaInterpreter addReplica(ServiceState service, int index, String instance, ReplicaEngine engine, TelemetryPort telemetry) {
        ReplicaInterpreter r = new ReplicaInterpreter(this, service, index, instance, engine, telemetry);
        service.add(r);
        return r;
    }

    /** A hosted service, or null. */
    public ServiceState hosted(String service) {
        return services.get(service);
    }

    public Collection<ServiceState> services() {
        return Collections.unmodifiableCollection(services.values());
    }

    public MeshSampler sampler() {
        return new MeshSampler(this);
    }

    /**
     * Starts honouring {@code effect} (any thread): request and call effects from the next request on,
     * resource effects on the matching hosted replicas at once. Throws IllegalStateException naming the
     * problem when the effect names a service the scenario does not have.
     */
    public EffectHandle apply(Effect effect) {
        String what = effect.getClass().getSimpleName();
        if (scenario.service(effect.scope().service()).isEmpty()) {
            throw new IllegalStateException("cannot apply " + what + ": unknown service \"" + effect.scope().service() + "\"");
        }
        effect.scope().caller().ifPresent(c -> {
            if (scenario.service(c).isEmpty()) throw new IllegalStateException("cannot apply " + what + ": unknown caller \"" + c + "\"");
        });
        InstalledEffect[] self = new InstalledEffect[1];
        Runnable stopResources = resources.start(effect);
        self[0] = new InstalledEffect(effect, clock, () -> {
            effects.remove(self[0]);
            stopResources.run();
            if (effect instanceof Effect.HoldSlots) pumpAll(effect.scope().service());
        });
        effects.add(self[0]);
        return self[0];
    }

    /** Slots came back: every replica of {@code service} starts what waits. */
    private void pumpAll(String service) {
        ServiceState s = services.get(service);
        if (s == null) return;
        for (ReplicaInterpreter r : s.replicas()) r.engine.execute(r::pump);
    }

    /** Stops every resource effect still running (the mesh is closing). */
    @Override
    public void close() {
        resources.close();
    }
}
