package dev.microsim.model.scenario;

import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole scenario: the mesh, the load and the fault schedule. Immutable; the same value drives
 * the local runtime, Kubernetes rendering and fast mode. {@code interval} is the telemetry
 * aggregation step; {@code platform} what fast mode adds to the services' own costs ({@link Platform}).
 */
public record Scenario(int version, String name, String description, long seed, Duration duration, Duration interval,
                       Map<String, Service> services, List<LoadSpec> load, List<FaultSpec> faults, Platform platform) {
    public static final int FORMAT_VERSION = 1;

    public Scenario {
        if (version != FORMAT_VERSION) throw new IllegalArgumentException("unsupported scenario version " + version + " (this MicroSim reads version 1)");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (description == null) description = "";
        if (duration == null || duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0, got " + Durations.shown(duration));
        if (interval == null) interval = Duration.ofSeconds(1);
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0, got " + Durations.shown(interval));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services == null ? Map.of() : services));
        load = load == null ? List.of() : List.copyOf(load);
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (platform == null) platform = Platform.DEFAULT;
    }

    /** A scenario with fast mode's default platform costs. */
    public Scenario(int version, String name, String description, long seed, Duration duration, Duration interval,
                    Map<String, Service> services, List<LoadSpec> load, List<FaultSpec> faults) {
        this(version, name, description, seed, duration, interval, services, load, faults, Platform.DEFAULT);
    }

    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Optional<Endpoint> endpoint(EndpointRef ref) {
        return service(ref.service()).flatMap(s -> s.endpoint(ref.endpoint()));
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(version, name, description, newSeed, duration, interval, services, load, faults, platform);
    }

    public Scenario withDuration(Duration newDuration) {
        return new Scenario(version, name, description, seed, newDuration, interval, services, load, faults, platform);
    }

    public Scenario withPlatform(Platform newPlatform) {
        return new Scenario(version, name, description, seed, duration, interval, services, load, faults, newPlatform);
    }
}
