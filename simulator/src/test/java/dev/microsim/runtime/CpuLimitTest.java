package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.effect.Scope;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.telemetry.TelemetrySink;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code resources.cpu} is a limit in the live engine, as on Kubernetes: a replica gets cpu x 100 ms
 * of CPU per 100 ms period, so a step that needs more waits for the next periods, and a CPU hog
 * takes its share from the same quota. (Bounds that a busy machine can only make slower are
 * asserted from below; what the quota forbids is asserted from above.)
 */
class CpuLimitTest {
    static Resources cpu(long millicores) {
        return new Resources(new CpuCores(millicores), ByteSize.parse("256Mi"), 64, 128);
    }

    @Test
    void aStepNeedingMoreThanThePeriodsQuotaWaitsForTheNextPeriods() {
        // 50 ms of CPU at 200m (20 ms per 100 ms period): the third period at the earliest, so >= 200 ms.
        try (LocalMesh mesh = LocalMesh.start(scenario(service("slim", 1, cpu(200), compute(50))), MeshOptions.defaults(1, TelemetrySink.NONE))) {
            URI uri = mesh.uri(entry("slim"));
            int[] status = new int[1];
            timedGet(uri, status); // warm-up
            long took = timedGet(uri, status);
            assertThat(status[0]).isEqualTo(200);
            assertThat(took).as("50 ms of CPU at 200m").isGreaterThanOrEqualTo(190);
        }
    }

    @Test
    void aHogCannotBurnMoreThanTheReplicasLimit() throws Exception {
        try (LocalMesh mesh = LocalMesh.start(scenario(service("slim", 1, cpu(200), sleep(1))), MeshOptions.defaults(1, TelemetrySink.NONE))) {
            var sampler = mesh.sampler();
            sampler.sample(Instant.now(), 1);
            long t0 = System.nanoTime();
            try (EffectHandle h = mesh.apply(new Effect.CpuBurn(Scope.service("slim"), 0.8))) {
                Thread.sleep(1000);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = LocalMeshEffectsTest.value(sampler.sample(Instant.now(), 1), "slim", "cpu_ms");
            // 0.8 cores asked, 0.2 allowed: at most 200 ms per second (plus one slice of overshoot per period).
            assertThat(cpuMs).isGreaterThan(0).isLessThanOrEqualTo(seconds * 1000 * 0.2 * 1.25 + 20);
        }
    }
}
