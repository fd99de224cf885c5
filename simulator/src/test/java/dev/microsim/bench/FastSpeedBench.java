package dev.microsim.bench;

import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Rate;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.sim.FastRun;
import dev.microsim.sim.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fast mode's speed, as virtual time per wall time, for the 10-service mesh of
 * {@link MeshThroughputBench} (front + three chains of three; 4 hops per request, 7 spans) at
 * 100 requests/s (Poisson, spread over front's three endpoints), in one JVM: with full traces and
 * logs, then metrics only. Each case runs once unmeasured first (JIT), then measured; the dataset is
 * really written (the recorder is part of the cost).
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -Xmx4g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.FastSpeedBench [tracedMinutes] [metricsHours] [rps]
 * </pre>
 */
public final class FastSpeedBench {
    public static void main(String[] args) throws Exception {
        long tracedMinutes = args.length > 0 ? Long.parseLong(args[0]) : 60;
        long metricsHours = args.length > 1 ? Long.parseLong(args[1]) : 24;
        int rps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Scenario base = MeshThroughputBench.tenServices();
        Path dir = Files.createTempDirectory("fast-bench");
        try {
            run(base, rps, Duration.ofMinutes(Math.max(1, tracedMinutes / 6)), true, dir.resolve("warm-traced"));
            run(base, rps, Duration.ofHours(1), false, dir.resolve("warm-metrics"));
            double traced = run(base, rps, Duration.ofMinutes(tracedMinutes), true, dir.resolve("traced"));
            double metrics = run(base, rps, Duration.ofHours(metricsHours), false, dir.resolve("metrics"));
            System.out.printf("10-service mesh at %d rps: full traces %.0fx real time (goal >= 1,000x); metrics only %.0fx (goal >= 10,000x)%n",
                    rps, traced, metrics);
        } finally {
            MeshThroughputBench.deleteTree(dir);
        }
    }

    static double run(Scenario base, int rps, Duration duration, boolean traces, Path out) {
        List<LoadSpec> load = List.of(new LoadSpec("front", new LoadProfile.Poisson(Rate.perSecond(rps)), new Workload.Journeys(List.of(
                journey("a"), journey("b"), journey("c"))), Duration.ZERO, Optional.empty(), Optional.empty()));
        Scenario s = new Scenario(1, "fast-bench", "", 1, duration, Duration.ofSeconds(1), base.services(), load, List.of());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        RunResult r = RunSession.builder(s, out, new FastRun(SimOptions.defaults().withSignals(traces, traces))).handleSignals(false).build().run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        if (!r.complete()) throw new IllegalStateException("run failed: " + r.reason().orElse("?"));
        double ratio = duration.toNanos() / 1e9 / wall;
        // The simulation runs on this thread: its CPU time is what the run would take on a core of its own
        // (the recorder's writer runs on another), and it moves far less with the machine's load than wall time.
        System.out.printf("  %s %s virtual in %.2f s wall: %.0fx; simulating thread %.2f s CPU: %.0fx per CPU second; %d requests (%.0f/s wall),"
                        + " %d spans (%.0f/s wall), %s%n",
                traces ? "traced " : "metrics", duration, wall, ratio, cpu, duration.toNanos() / 1e9 / cpu, r.clientRequests(),
                r.clientRequests() / wall, r.spansRecorded(), r.spansRecorded() / wall, r.load());
        return ratio;
    }

    private static Workload.Journey journey(String chain) {
        return new Workload.Journey(chain, 1, List.of(new Workload.Visit(new EndpointRef("front", EndpointId.parse("GET /" + chain)), null)));
    }
}
