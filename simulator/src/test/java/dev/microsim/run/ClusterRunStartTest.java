package dev.microsim.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.cluster.Cluster;
import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.mesh.EffectHandle;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster run whose load program ends well but whose start event never reaches the recorder (the
 * failed second {@code --mode pods} run of issue 14): the run must fail naming that and what the load
 * program said, not "the load ended without sending a request", and leave its dataset incomplete.
 * No pods here: a cluster whose load "ran" without sending a single event.
 */
class ClusterRunStartTest {
    static final String SCENARIO = """
            version: 1
            name: no-start
            seed: 1
            duration: 3s
            interval: 1s
            services:
              front:
                endpoints:
                  GET /x: {steps: [{compute: 1ms}]}
            load:
              - {profile: constant, rate: 5/s, target: front GET /x}
            """;

    @TempDir
    Path dir;

    /** Pods that are up at once; a load program that "sends" for a moment and reports success over no channel at all. */
    static final class SilentLoadCluster implements Cluster {
        volatile boolean closed;

        @Override
        public String mode() {
            return "pods";
        }

        @Override
        public void up(Scenario scenario, Path scenarioFile, URI otlp, Duration timeout, Consumer<String> progress) {}

        @Override
        public MeshTarget mesh(Clock clock) {
            return new MeshTarget() {
                @Override
                public Clock clock() {
                    return clock;
                }

                @Override
                public int replicas(String service) {
                    return 1;
                }

                @Override
                public EffectHandle apply(Effect effect) {
                    throw new IllegalStateException("no faults in this scenario");
                }

                @Override
                public Instant killReplica(String service, int replica) {
                    throw new IllegalStateException("no faults in this scenario");
                }

                @Override
                public Instant startReplica(String service, int replica) {
                    throw new IllegalStateException("no faults in this scenario");
                }
            };
        }

        @Override
        public FaultMechanism mechanism(Clock clock) {
            return FaultMechanism.IN_PROCESS;
        }

        @Override
        public String drive(URI otlp, Duration timeout) throws InterruptedException {
            Thread.sleep(300);
            return "microsim drive: done: 15 requests, 0 errors";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aLoadWhoseStartNeverArrivesFailsTheRunNamingWhyAndWhatTheLoadSaid() throws Exception {
        Scenario scenario = Scenarios.parser().parse(SCENARIO, "no-start.yaml").orThrow();
        SilentLoadCluster cluster = new SilentLoadCluster();
        RunResult r = RunSession.builder(scenario, dir.resolve("ds"), new ClusterRun(cluster, ClusterRun.Options.loopback(Duration.ofSeconds(30))))
                .handleSignals(false).build().run();
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.reason().orElse(""))
                .contains("the load program ended but its start event never reached the recorder at http://127.0.0.1:")
                .contains("the receiver answered 0 export requests, refused 0")
                .contains("done: 15 requests");
        assertThat(cluster.closed).as("torn down").isTrue();
        var manifest = new ObjectMapper().readTree(dir.resolve("ds").resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean()).isFalse();
        assertThat(manifest.path("incompleteReason").asText()).contains("start event never reached the recorder");
    }
}
