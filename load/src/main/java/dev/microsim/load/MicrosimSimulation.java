package dev.microsim.load;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The one Gatling simulation MicroSim runs. Gatling creates it by class name; it reads the plan
 * from {@link ActiveRun} (see there why) and fails if started any other way.
 */
public final class MicrosimSimulation extends Simulation {
    /** In-flight requests get this long after the run's duration before Gatling cuts them off. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final ActiveRun run = ActiveRun.current();

    public MicrosimSimulation() {
        setUp(GatlingScenarios.populations(run))
                .protocols(GatlingScenarios.protocol(run))
                .maxDuration(run.duration.plus(GRACE));
    }
}
