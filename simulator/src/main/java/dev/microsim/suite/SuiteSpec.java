package dev.microsim.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A benchmark suite as written in its YAML file (docs/suites.md, format version 1): which
 * scenarios, which services of each to put the fault on, which fault kinds at which intensities,
 * which seeds, and how to run each case (mode, load engine, length, when the fault acts, how many
 * cases at once). Every combination is one labeled case ({@link SuitePlan}).
 */
public record SuiteSpec(Path file, String name, String description, Mode mode, String load, OptionalInt parallel,
                        Duration duration, Duration faultAt, Duration faultDuration,
                        List<ScenarioEntry> scenarios, List<FaultEntry> faults, List<Long> seeds) {

    public static final int FORMAT_VERSION = 1;

    /** live: real HTTP in this JVM, as {@code microsim run}; fast: virtual time, where the engine has it. */
    public enum Mode { LIVE, FAST }

    /** A scenario file (relative to the suite file) and the services its cases put the fault on. */
    public record ScenarioEntry(Path file, List<String> targets) {
        public ScenarioEntry {
            Objects.requireNonNull(file, "file");
            targets = List.copyOf(targets);
        }
    }

    /**
     * A fault kind, its intensities (name to parameters, in the order written) and target fields
     * beyond the service (e.g. {@code replicas: [0]} for a crash of one replica).
     */
    public record FaultEntry(String kind, Map<String, Map<String, Object>> intensities, Map<String, Object> target) {
        public FaultEntry {
            Objects.requireNonNull(kind, "kind");
            intensities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(intensities));
            target = Map.copyOf(target);
        }
    }

    public SuiteSpec {
        Objects.requireNonNull(parallel, "parallel");
        scenarios = List.copyOf(scenarios);
        faults = List.copyOf(faults);
        seeds = List.copyOf(seeds);
    }

    /** Cases run at once in {@code mode} on a machine of {@code cores}: the suite's {@code parallel}, else {@link #auto}. */
    public int workers(Mode mode, int cores) {
        return parallel.isPresent() ? parallel.getAsInt() : auto(mode, cores);
    }

    /**
     * {@code parallel: auto}. Fast: one case per two cores, because one fast case already keeps more
     * than one core busy (the simulation's thread, the recorder's writer, the GC: the standard suite
     * took 49 s of CPU in 29 s of wall time one at a time on 2 cores, and two at a time was no faster;
     * docs/suites.md). Live: one, because live meshes on one machine compete for its cores and a CPU
     * hog or a retry storm in one case would show as unlabelled load in the other.
     */
    public static int auto(Mode mode, int cores) {
        return mode == Mode.FAST ? Math.max(1, cores / 2) : 1;
    }
}
