package dev.microsim.kubernetes.chaos;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.kinds.Bandwidth;
import dev.microsim.faults.kinds.ClockSkew;
import dev.microsim.faults.kinds.CpuHog;
import dev.microsim.faults.kinds.Crash;
import dev.microsim.faults.kinds.CrashLoop;
import dev.microsim.faults.kinds.Fault;
import dev.microsim.faults.kinds.HttpError;
import dev.microsim.faults.kinds.Injection;
import dev.microsim.faults.kinds.Latency;
import dev.microsim.faults.kinds.MemoryPressure;
import dev.microsim.faults.kinds.PacketLoss;
import dev.microsim.faults.kinds.Partition;
import dev.microsim.faults.kinds.SlowDisk;
import dev.microsim.faults.kinds.Unreachable;
import dev.microsim.kubernetes.render.Ports;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.kubernetes.render.Ordered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which faults Chaos Mesh expresses, and as what. A fault maps to a chaos resource only when the
 * resource does what the fault means; everything else goes to the pods' control endpoints, where
 * the runtime applies the catalogue's own effects (docs/kubernetes.md has the table and the
 * differences that remain, e.g. netem drops packets where the local runtime drops requests).
 *
 * <p>Chaos Mesh has no per-request share: request-graded kinds map only with {@code share: 1} and
 * no ramp; resource-graded kinds (CPU, memory, bandwidth, loss rate) grade their amount per ramp
 * step like the local runtime. Pure: the same fault and injection give the same plan.
 */
public final class ChaosMapping {
    /** Where simulated {@code io} steps touch the disk in a pod (an emptyDir), so IOChaos can slow them. */
    public static final String IO_VOLUME = "/var/lib/microsim/io";

    private ChaosMapping() {}

    /** The chaos resource for one ramp step of {@code fault}, or empty if Chaos Mesh cannot express it. */
    public static Optional<ChaosPlan> plan(Fault fault, Injection in) {
        FaultTarget t = in.target();
        boolean wholeService = t.endpoint().isEmpty();
        boolean everyRequest = t.share() == 1 && in.spec().ramp().isZero();
        Selection self = Selection.of(t.service(), t.replicas());
        if (fault instanceof Crash || fault instanceof CrashLoop) {
            return Optional.of(new ChaosPlan(ChaosKind.POD, "pod-failure", self, Optional.empty(), Ordered.map("action", "pod-failure")));
        }
        if (fault instanceof Latency l && everyRequest) {
            if (t.caller().isPresent() && wholeService) {
                return netemDelay(l.delay()).map(delay -> new ChaosPlan(ChaosKind.NETWORK, "delay", new Selection.Service(t.caller().get()),
                        Optional.of(self), fields("action", "delay", "direction", "to", "delay", delay)));
            }
            if (t.caller().isEmpty() && l.delay() instanceof Distribution.Constant c) {
                return Optional.of(new ChaosPlan(ChaosKind.HTTP, "delay", self, Optional.empty(),
                        http(t, "Request", "delay", GoDurations.format(c.value()))));
            }
            return Optional.empty();
        }
        if (fault instanceof HttpError h && everyRequest) {
            return Optional.of(new ChaosPlan(ChaosKind.HTTP, "replace code " + h.status(), self, Optional.empty(),
                    http(t, "Response", "replace", Ordered.map("code", h.status()))));
        }
        if (fault instanceof Unreachable && everyRequest && t.caller().isEmpty()) {
            return Optional.of(new ChaosPlan(ChaosKind.HTTP, "abort", self, Optional.empty(), http(t, "Request", "abort", true)));
        }
        if (fault instanceof PacketLoss p && p.mode() == Effect.CallFailure.Mode.BLACKHOLE && wholeService) {
            String loss = percent(in.scope().share());
            Map<String, Object> f = fields("action", "loss", "direction", "to", "loss", Ordered.map("loss", loss, "correlation", "0"));
            return Optional.of(t.caller().isPresent()
                    ? new ChaosPlan(ChaosKind.NETWORK, "loss", new Selection.Service(t.caller().get()), Optional.of(self), f)
                    : new ChaosPlan(ChaosKind.NETWORK, "loss", self, Optional.empty(), f));
        }
        if (fault instanceof Partition p && p.mode() == Effect.CallFailure.Mode.BLACKHOLE) {
            Selection other = t.caller().<Selection>map(Selection.Service::new).orElseGet(() -> new Selection.AllServicesExcept(t.service()));
            return Optional.of(new ChaosPlan(ChaosKind.NETWORK, "partition", self, Optional.of(other),
                    fields("action", "partition", "direction", "both")));
        }
        if (fault instanceof Bandwidth b && everyShare(t) && wholeService) {
            long bytesPerSecond = Math.max(1, Math.round(b.bytesPerSecond() / in.strength()));
            Map<String, Object> bw = new LinkedHashMap<>();
            bw.put("rate", bytesPerSecond * 8 + "bps");
            // Queue plenty (10 s of traffic, >= 1 MiB) so that bodies wait rather than drop; a burst of one packet.
            bw.put("limit", Math.max(1L << 20, bytesPerSecond * 10));
            bw.put("buffer", 1600);
            return Optional.of(new ChaosPlan(ChaosKind.NETWORK, "bandwidth", self,
                    t.caller().map(Selection.Service::new), fields("action", "bandwidth", "direction", "to", "bandwidth", bw)));
        }
        if (fault instanceof CpuHog c) {
            double cores = c.cores() * in.strength();
            int workers = (int) Math.ceil(cores);
            int load = (int) Math.max(1, Math.min(100, Math.round(100 * cores / workers)));
            return Optional.of(new ChaosPlan(ChaosKind.STRESS, "cpu", self, Optional.empty(),
                    stress(t, Ordered.map("cpu", Ordered.map("workers", workers, "load", load)))));
        }
        if (fault instanceof MemoryPressure m) {
            long bytes = Math.round(m.size().bytes() * in.strength());
            return Optional.of(new ChaosPlan(ChaosKind.STRESS, "memory", self, Optional.empty(),
                    stress(t, Ordered.map("memory", Ordered.map("workers", 1, "size", size(bytes))))));
        }
        if (fault instanceof ClockSkew c) {
            Map<String, Object> f = fields("timeOffset", GoDurations.format(c.offset()), "clockIds", List.of("CLOCK_REALTIME"));
            f.put("containerNames", List.of(t.service()));
            return Optional.of(new ChaosPlan(ChaosKind.TIME, "time offset", self, Optional.empty(), f));
        }
        if (fault instanceof SlowDisk s && wholeService) {
            Optional<Duration> io = meanIoStep(in.service());
            if (io.isEmpty()) return Optional.empty();
            Duration delay = Duration.ofNanos(Math.round(io.get().toNanos() * (s.factor() - 1)));
            Map<String, Object> f = fields("action", "latency", "volumePath", IO_VOLUME, "path", IO_VOLUME + "/**/*",
                    "delay", GoDurations.format(delay), "percent", (int) Math.max(1, Math.round(in.scope().share() * 100)));
            f.put("containerNames", List.of(t.service()));
            return Optional.of(new ChaosPlan(ChaosKind.IO, "latency", self, Optional.empty(), f));
        }
        return Optional.empty();
    }

    private static boolean everyShare(FaultTarget t) {
        return t.share() == 1;
    }

    /** netem delays a packet by latency +- jitter (uniform): a constant or a uniform delay is exact; other shapes are not. */
    static Optional<Map<String, Object>> netemDelay(Distribution d) {
        Duration latency;
        Duration jitter;
        if (d instanceof Distribution.Constant c) {
            latency = c.value();
            jitter = Duration.ZERO;
        } else if (d instanceof Distribution.Uniform u) {
            latency = u.min().plus(u.max()).dividedBy(2);
            jitter = u.max().minus(u.min()).dividedBy(2);
        } else {
            return Optional.empty();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency", GoDurations.format(latency));
        m.put("jitter", GoDurations.format(jitter));
        m.put("correlation", "0");
        return Optional.of(m);
    }

    /** HTTPChaos on the service's own port, narrowed to the target's endpoint if it names one. */
    private static Map<String, Object> http(FaultTarget t, String target, String key, Object value) {
        Map<String, Object> f = fields("target", target, "port", Ports.HTTP);
        t.endpoint().ifPresent(e -> {
            f.put("method", e.method());
            f.put("path", e.path());
        });
        f.put(key, value);
        return f;
    }

    private static Map<String, Object> stress(FaultTarget t, Map<String, Object> stressors) {
        return fields("containerNames", List.of(t.service()), "stressors", stressors);
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A loss rate as netem's percent string, e.g. 0.25 -> "25". */
    static String percent(double share) {
        double p = Math.round(share * 10000) / 100.0;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** A memory size as Chaos Mesh reads it (binary units). */
    static String size(long bytes) {
        if (bytes % (1L << 20) == 0) return (bytes >> 20) + "MiB";
        return ((bytes + 1023) >> 10) + "KiB";
    }

    /** The mean duration of one {@code io} step over the service's endpoints, if it has any. */
    static Optional<Duration> meanIoStep(Service service) {
        List<Duration> means = new ArrayList<>();
        for (Endpoint e : service.endpoints().values()) collectIo(e.steps(), means);
        if (means.isEmpty()) return Optional.empty();
        long total = means.stream().mapToLong(Duration::toNanos).sum();
        return Optional.of(Duration.ofNanos(total / means.size()));
    }

    private static void collectIo(List<Step> steps, List<Duration> out) {
        for (Step s : steps) {
            if (s instanceof Step.Io io) out.add(io.time().mean());
            else if (s instanceof Step.Parallel p) collectIo(p.steps(), out);
        }
    }
}
