package dev.microsim.serve;

import dev.microsim.cluster.PodRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * The pod's probes as SmallRye Health checks ({@code /q/health/live}, {@code /q/health/started},
 * {@code /q/health/ready}), the paths and JSON the rendered Deployment's probes ask: live while the
 * process runs, started once the service listens, ready while it serves (DOWN first when it stops).
 */
public final class PodHealth {
    private PodHealth() {}

    static HealthCheckResponse check(PodLifecycle lifecycle, boolean up) {
        PodRuntime pod = lifecycle.pod();
        var b = HealthCheckResponse.named("microsim-serve").status(up).withData("state", pod == null ? "starting" : pod.state());
        if (pod != null) b.withData("service", pod.settings().service()).withData("instance", pod.settings().instance());
        return b.build();
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        @Inject
        PodLifecycle lifecycle;

        @Override
        public HealthCheckResponse call() {
            return check(lifecycle, true);
        }
    }

    @Startup
    @ApplicationScoped
    public static class Started implements HealthCheck {
        @Inject
        PodLifecycle lifecycle;

        @Override
        public HealthCheckResponse call() {
            PodRuntime pod = lifecycle.pod();
            return check(lifecycle, pod != null);
        }
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Inject
        PodLifecycle lifecycle;

        @Override
        public HealthCheckResponse call() {
            PodRuntime pod = lifecycle.pod();
            return check(lifecycle, pod != null && pod.state().equals("serving"));
        }
    }
}
