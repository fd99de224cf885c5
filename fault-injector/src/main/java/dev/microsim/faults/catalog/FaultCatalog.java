package dev.microsim.faults.catalog;

import dev.microsim.faults.kinds.BadDeploy;
import dev.microsim.faults.kinds.Bandwidth;
import dev.microsim.faults.kinds.CacheFailure;
import dev.microsim.faults.kinds.ClockSkew;
import dev.microsim.faults.kinds.CpuHog;
import dev.microsim.faults.kinds.Crash;
import dev.microsim.faults.kinds.CrashLoop;
import dev.microsim.faults.kinds.ExceptionFault;
import dev.microsim.faults.kinds.Fault;
import dev.microsim.faults.kinds.FaultType;
import dev.microsim.faults.kinds.Hang;
import dev.microsim.faults.kinds.HttpError;
import dev.microsim.faults.kinds.Latency;
import dev.microsim.faults.kinds.LogStorm;
import dev.microsim.faults.kinds.MemoryLeak;
import dev.microsim.faults.kinds.MemoryPressure;
import dev.microsim.faults.kinds.Misconfiguration;
import dev.microsim.faults.kinds.PacketLoss;
import dev.microsim.faults.kinds.Partition;
import dev.microsim.faults.kinds.PoolExhaustion;
import dev.microsim.faults.kinds.RetryStorm;
import dev.microsim.faults.kinds.SlowDisk;
import dev.microsim.faults.kinds.Unreachable;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.units.Durations;
import dev.microsim.model.yaml.Diagnostics;
import dev.microsim.model.yaml.FaultKinds;
import dev.microsim.model.yaml.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of fault kinds (kind name -> parameters + parser), the one thing the scenario
 * parser, the scheduler and the control API consult. {@link #standard()} holds the whole catalogue.
 */
public final class FaultCatalog implements FaultKinds {
    private static final FaultCatalog STANDARD = new FaultCatalog(List.of(
            Latency.TYPE, HttpError.TYPE, ExceptionFault.TYPE, CpuHog.TYPE, MemoryLeak.TYPE, MemoryPressure.TYPE,
            Crash.TYPE, CrashLoop.TYPE, Hang.TYPE, PoolExhaustion.TYPE, Partition.TYPE, PacketLoss.TYPE, Bandwidth.TYPE,
            Unreachable.TYPE, BadDeploy.TYPE, Misconfiguration.TYPE, RetryStorm.TYPE, LogStorm.TYPE, ClockSkew.TYPE,
            SlowDisk.TYPE, CacheFailure.TYPE));

    private final Map<String, FaultType> types = new LinkedHashMap<>();

    public FaultCatalog(Collection<FaultType> types) {
        for (FaultType t : types) {
            if (this.types.put(t.name(), t) != null) throw new IllegalArgumentException("duplicate fault kind " + t.name());
        }
    }

    public static FaultCatalog standard() {
        return STANDARD;
    }

    public Collection<FaultType> types() {
        return types.values();
    }

    public Optional<FaultType> type(String kind) {
        return Optional.ofNullable(types.get(kind));
    }

    @Override
    public Set<String> kinds() {
        return new LinkedHashSet<>(types.keySet());
    }

    @Override
    public Set<String> parameters(String kind) {
        return type(kind).<Set<String>>map(t -> new LinkedHashSet<>(t.parameters())).orElse(Set.of());
    }

    /** Every problem with the spec's kind, parameters, target shape and ramp; empty when it can be injected. */
    public List<Problem> problems(FaultSpec spec) {
        FaultType type = types.get(spec.kind());
        if (type == null) {
            return List.of(Problem.at("kind", "unknown fault kind \"" + spec.kind() + "\"; known: " + String.join(", ", types.keySet())));
        }
        List<Problem> out = new ArrayList<>();
        for (String key : spec.parameters().keySet()) {
            if (!type.parameters().contains(key)) {
                out.add(Problem.at(key, "unknown parameter for fault kind " + type.name()
                        + (type.parameters().isEmpty() ? " (it takes none)" : "; allowed: " + String.join(", ", type.parameters()))));
            }
        }
        Params params = new Params(spec.parameters());
        type.parser().parse(params, spec.target());
        out.addAll(params.problems());
        if (!type.rampable() && !spec.ramp().isZero()) {
            out.add(Problem.at("ramp", type.name() + " cannot ramp (it is all or nothing), got " + Durations.format(spec.ramp())));
        }
        return out;
    }

    /** Reports every problem at its field path below {@code path} (the parser's hook). */
    @Override
    public void check(FaultSpec spec, String path, Diagnostics diagnostics) {
        for (Problem p : problems(spec)) {
            if (p.keys().size() == 1 && !types.containsKey(spec.kind())) continue; // the parser reports unknown kinds itself
            String at = path;
            for (String k : p.keys()) at = FieldPath.key(at, k);
            diagnostics.error(at, p.message());
        }
    }

    /** The fault value for a spec; throws listing every problem (for specs that bypassed the parser, e.g. the control API). */
    public Fault parse(FaultSpec spec) {
        List<Problem> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("fault \"" + spec.id() + "\" (" + spec.kind() + "): "
                    + String.join("; ", problems.stream().map(Problem::format).toList()));
        }
        return types.get(spec.kind()).parser().parse(new Params(spec.parameters()), spec.target());
    }
}
