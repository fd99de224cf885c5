package dev.microsim.load;

import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One load entry made ready to run: checked, its targets resolved to loopback URLs, its length
 * inside the run fixed and, for open profiles, its arrival schedule planned.
 *
 * @param path how errors and logs name it, e.g. {@code load["browse"]}
 * @param length how long it runs from {@code spec.start()} (cut at the run's end)
 * @param urls every target of its workload, resolved
 * @param budget the most requests it may send ({@code Long.MAX_VALUE} when unbounded in count)
 * @param schedule planned arrivals for open profiles; empty for the closed model
 */
public record CompiledSpec(int index, String path, LoadSpec spec, Duration length, Map<EndpointRef, String> urls, long budget,
                           Optional<ArrivalSchedule> schedule) {
    public CompiledSpec {
        // In the workload's order: Map.copyOf's order changes from JVM to JVM, and load.csv writes its targets in this one.
        urls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(urls));
    }

    /** When it stops sending, from the start of the run. */
    public Duration end() {
        return spec.start().plus(length);
    }
}
