package dev.microsim.runtime;

import static dev.microsim.runtime.TestMeshes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.units.Rate;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Shared-listener mode: calls between services go to one port that routes by header, so a mesh's
 * sockets do not grow with its services; requests, traces and crashes behave as with a port each.
 */
class SharedListenerTest {
    static Scenario chain(int n) {
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < n; i++) services.add(i + 1 < n ? service("s" + i, i == 1 ? 2 : 1, sleep(1), call("s" + (i + 1), 1.0)) : service("s" + i, 1, sleep(1)));
        Scenario s = scenario(services.toArray(Service[]::new));
        // s0 is the load target: it keeps a port of its own; the rest are reached through the shared listener.
        return new Scenario(1, s.name(), "", 7, s.duration(), s.interval(), s.services(),
                List.of(LoadSpec.of("in", new LoadProfile.Constant(Rate.perSecond(1)), entry("s0"))), List.of());
    }

    /** s0 calls each of s1..s(n-1) in turn; only s0 is a load target. */
    static Scenario star(int n) {
        List<dev.microsim.model.scenario.Step> calls = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            calls.add(call("s" + i, 1.0));
            services.add(service("s" + i, 1));
        }
        services.add(0, service("s0", 1, calls.toArray(dev.microsim.model.scenario.Step[]::new)));
        Scenario s = scenario(services.toArray(Service[]::new));
        return new Scenario(1, s.name(), "", 7, s.duration(), s.interval(), s.services(),
                List.of(LoadSpec.of("in", new LoadProfile.Constant(Rate.perSecond(1)), entry("s0"))), List.of());
    }

    static long openDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void callsThroughTheSharedPortServeTraceAndFailLikePortsOfTheirOwn() {
        List<SpanRecord> spans = new CopyOnWriteArrayList<>();
        TelemetrySink sink = new TelemetrySink() {
            public void span(SpanRecord s) { spans.add(s); }
            public void log(LogRecord l) {}
            public void metric(MetricRow r) {}
        };
        try (LocalMesh mesh = LocalMesh.start(chain(4), MeshOptions.defaults(1, sink).withListeners(MeshOptions.Listeners.SHARED)
                .withDiscoveryDelay(Duration.ZERO))) {
            assertThat(mesh.sharedPort()).isPositive();
            assertThat(mesh.replicaPort("s2", 0)).isEqualTo(mesh.sharedPort());
            assertThat(mesh.replicaPort("s0", 0)).isNotEqualTo(mesh.sharedPort());
            for (int i = 0; i < 4; i++) assertThat(get(mesh.uri(entry("s0")))).isEqualTo(200);
            // Every hop is traced, in one trace per request, through both replicas of s1.
            assertThat(spans.stream().filter(s -> s.kind() == SpanRecord.Kind.SERVER).map(SpanRecord::service).distinct()).contains("s0", "s1", "s2", "s3");
            assertThat(spans.stream().filter(s -> s.service().equals("s1")).map(SpanRecord::instance).distinct()).contains("s1-0", "s1-1");
            mesh.killReplica("s3", 0);
            assertThat(get(mesh.uri(entry("s0")))).isEqualTo(500);
            mesh.startReplica("s3", 0);
            assertThat(get(mesh.uri(entry("s0")))).isEqualTo(200);
        }
    }

    @Test
    void socketsDoNotGrowWithTheServices() throws Exception {
        long before = openDescriptors();
        try (LocalMesh mesh = LocalMesh.start(star(400), MeshOptions.defaults(1, TelemetrySink.NONE).withListeners(MeshOptions.Listeners.SHARED))) {
            for (int i = 0; i < 2; i++) assertThat(get(mesh.uri(entry("s0")))).isEqualTo(200); // 399 calls each, one service after the other
            long during = openDescriptors();
            // A port per replica would be 401 listening sockets; here a handful of listeners and pooled connections.
            assertThat(during - before).isLessThan(150);
        }
    }
}
