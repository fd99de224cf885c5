package dev.microsim.bench;

import dev.microsim.model.generate.MeshGenerator;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.sim.FastRun;
import dev.microsim.sim.SimOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How large a mesh fast mode runs: a mesh of N services from {@link MeshGenerator} (its own load and
 * fault), for a virtual duration, with or without traces, into a real dataset; reports the wall time,
 * the speed-up, the dataset's size, and the heap: the peak in use (after GCs) and in use after a GC at
 * the end with the mesh still referenced.
 *
 * <pre>
 * java -Xmx8g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.FastScaleBench SERVICES DURATION INTERVAL traces|metrics
 * e.g. ... FastScaleBench 1000 1h 1s traces; ... FastScaleBench 100000 10m 30s metrics
 * </pre>
 */
public final class FastScaleBench {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Duration duration = dev.microsim.model.units.Durations.parse(args[1]);
        Duration interval = dev.microsim.model.units.Durations.parse(args[2]);
        boolean traces = args.length < 4 || args[3].equals("traces");
        long g0 = System.nanoTime();
        Scenario generated = new MeshGenerator().generate(n, 7);
        Scenario s = new Scenario(1, generated.name(), generated.description(), generated.seed(), duration, interval, generated.services(),
                generated.load(), generated.faults());
        System.out.printf("generated %d services in %.1f s%n", n, (System.nanoTime() - g0) / 1e9);
        Path dir = Files.createTempDirectory("fast-scale");
        try {
            long t0 = System.nanoTime();
            RunResult r = RunSession.builder(s, dir, new FastRun(SimOptions.defaults().withSignals(traces, traces))).handleSignals(false).build().run();
            double wall = (System.nanoTime() - t0) / 1e9;
            long bytes = 0;
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) bytes += Files.size(p);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) peak += pool.getPeakUsage().getUsed();
            }
            System.gc();
            long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("%d services, %s virtual (interval %s, %s): %s in %.1f s wall (%.0fx); %d client requests, %d spans, dataset %.0f MiB;"
                            + " heap peak %.0f MiB, after GC %.0f MiB (max %.0f MiB)%n",
                    n, duration, interval, traces ? "traces+logs" : "metrics only", r.complete() ? "complete" : r.reason().orElse("?"), wall,
                    duration.toNanos() / 1e9 / wall, r.clientRequests(), r.spansRecorded(), bytes / 1048576.0, peak / 1048576.0, after / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
            if (r.reason().isPresent()) System.out.println("  " + r.reason().get());
        } finally {
            MeshThroughputBench.deleteTree(dir);
        }
    }
}
