package dev.microsim.kubernetes.chaos;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.kubernetes.MeshFixture;
import dev.microsim.kubernetes.control.KubernetesPodDirectory;
import dev.microsim.kubernetes.control.PodControlMesh;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;

/**
 * A run in its own JVM for {@link CtrlCTest}: starts the fault schedule against the API server at
 * args[0] (real clock, the injector's own shutdown hook), says INJECTED once the chaos resources
 * exist, and waits to be signalled.
 */
public final class InjectUntilSignalled {
    public static void main(String[] args) throws Exception {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(args[0]).withTrustCerts(true)
                .withNamespace(MeshFixture.NS).build()).build();
        var scenario = MeshFixture.scenario("faults:\n"
                + "  - {id: net, kind: latency, target: {service: db, caller: mid}, at: 0s, duration: 50s, delay: 80ms}\n"
                + "  - {id: hog, kind: cpu-hog, target: db, at: 0s, duration: 50s, cores: 1}\n");
        Clock clock = Clock.systemUTC();
        var pods = new KubernetesPodDirectory(client, MeshFixture.NS, scenario.name());
        var chaos = new ChaosResources(client, MeshFixture.NS, scenario.name(), pods, clock, Duration.ZERO);
        FaultInjector faults = new FaultInjector(scenario, new PodControlMesh(scenario, pods, () -> "unused-token-0123456789", clock),
                new ChaosMeshMechanism(chaos, FaultMechanism.IN_PROCESS, clock), FaultCatalog.standard(), clock.instant(), null, null).start();
        while (faults.active().size() < 2) {
            faults.checkHealthy();
            Thread.sleep(20);
        }
        System.out.println("INJECTED");
        System.out.flush();
        Thread.sleep(60_000);
        System.out.println("NOT SIGNALLED");
        faults.close();
    }
}
