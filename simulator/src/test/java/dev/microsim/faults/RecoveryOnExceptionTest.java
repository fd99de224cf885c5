package dev.microsim.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On the real mesh: a run that throws mid-fault leaves nothing applied once the injector is closed. */
class RecoveryOnExceptionTest {
    private static int get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void anExceptionInTheRunStillRecoversEveryFault() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (SignatureMesh m = new SignatureMesh()) {
            Scenario s = m.scenario;
            List<FaultSpec> faults = List.of(
                    new FaultSpec("down", "crash", FaultTarget.service("db"), Duration.ZERO, Duration.ofMinutes(5), Duration.ZERO, Map.of()),
                    new FaultSpec("errs", "http-error", FaultTarget.service("side"), Duration.ZERO, Duration.ofMinutes(5), Duration.ZERO, Map.of()),
                    new FaultSpec("hog", "cpu-hog", FaultTarget.service("mid"), Duration.ZERO, Duration.ofMinutes(5), Duration.ZERO, Map.of("cores", 0.2)));
            Scenario withFaults = new Scenario(1, s.name(), "", s.seed(), s.duration(), s.interval(), s.services(), List.of(), faults);
            URI front = m.mesh.uri(new EndpointRef("front", SignatureMesh.GET));
            URI side = m.mesh.uri(new EndpointRef("side", SignatureMesh.GET));
            assertThatThrownBy(() -> {
                try (FaultInjector inj = new FaultInjector(withFaults, m.mesh, FaultCatalog.standard(), m.mesh.clock().instant(), null, null).start()) {
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (inj.active().size() < 3 && System.nanoTime() < deadline) Thread.sleep(10);
                    assertThat(inj.active()).hasSize(3);
                    assertThat(get(http, side)).isEqualTo(500);
                    assertThat(get(http, front)).isGreaterThanOrEqualTo(500); // db is down
                    throw new IllegalStateException("the run failed mid-fault");
                }
            }).hasMessage("the run failed mid-fault");
            assertThat(get(http, side)).isEqualTo(200);
            assertThat(get(http, front)).isEqualTo(200);
            m.mesh.sampler().sample(java.time.Instant.EPOCH, 1); // drain
            Thread.sleep(300);
            var rows = m.mesh.sampler().sample(java.time.Instant.EPOCH, 0.3);
            assertThat(rows.stream().filter(r -> r.service().equals("db") && r.metric().equals("replicas_up")).findFirst().orElseThrow().value()).isEqualTo(1);
            assertThat(rows.stream().filter(r -> r.service().equals("mid") && r.metric().equals("cpu_ms")).findFirst().orElseThrow().value())
                    .as("no CPU burnt with no load and the hog gone").isLessThan(5);
        }
    }
}
