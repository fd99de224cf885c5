package dev.microsim.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.cluster.KubeCluster;
import dev.microsim.cluster.LoadExport;
import dev.microsim.cluster.PodExport;
import dev.microsim.kubernetes.chaos.ChaosKind;
import dev.microsim.kubernetes.render.RenderOptions;
import dev.microsim.load.ClientStats;
import dev.microsim.model.units.ByteSize;
import dev.microsim.recorder.otlp.OtlpMetrics;
import dev.microsim.telemetry.EndpointInstruments;
import dev.microsim.telemetry.ReplicaTelemetry;
import dev.microsim.telemetry.ServiceMetrics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --mode kubernetes} through fabric8 against the mock server in CRUD mode. No kubelet runs
 * there, so the test plays the cluster's part: a Deployment controller marks the Deployments ready,
 * and once the run resumes the load Job, "the pods" (real OTel SDK meters, exported as the pods'
 * {@link PodExport} does) and "the load Job" (drive's own {@link LoadExport}) send their OTLP to the
 * recorder's receiver, as the collector forwards it; the db pods answer 503 while an HTTPChaos is in
 * force. The run must apply, wait, resume, record, carry the fault as Chaos Mesh, and tear down.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesRunTest {
    /** 5 s at 20/s, db's 503s from 1 s to 3 s; the fake cluster below plays the pods' numbers. */
    static final FrontDbFixture MESH = new FrontDbFixture("kube-run", 3, Duration.ofSeconds(5), 20, Duration.ofSeconds(1), Duration.ofSeconds(2));
    static final String NS = "microsim-" + MESH.name();

    KubernetesClient client;

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    RunResult run(int port, Duration readyTimeout, FakeCluster fake) throws Exception {
        RenderOptions options = new RenderOptions(Optional.empty(), RenderOptions.DEFAULT_IMAGE, "IfNotPresent", RenderOptions.DEFAULT_COLLECTOR_IMAGE,
                URI.create("http://127.0.0.1:" + port), ByteSize.parse("192Mi"));
        KubeCluster cluster = new KubeCluster(client, options, Duration.ZERO, Duration.ofSeconds(30));
        ClusterRun target = new ClusterRun(cluster, new ClusterRun.Options(true, true, "127.0.0.1", port, null, readyTimeout, Duration.ofSeconds(3)));
        Thread t = new Thread(fake, "fake-cluster");
        t.setDaemon(true);
        t.start();
        try {
            return RunSession.builder(MESH.scenario(), dir.resolve("ds"), target).handleSignals(false).listener(FrontDbFixture.PRINT).build().run();
        } finally {
            fake.stop = true;
            t.join(30_000);
        }
    }

    @Test
    void theRunAppliesWaitsResumesTheLoadJobRecordsFromOtlpCarriesTheFaultAsChaosMeshAndTearsDown() throws Exception {
        int port = freePort();
        FakeCluster fake = new FakeCluster(port, false, true);
        RunResult r = run(port, Duration.ofSeconds(60), fake);
        assertThat(fake.failure).as("the fake cluster's own failure").isNull();
        assertThat(r.status()).as(r.reason().orElse("")).isEqualTo(RunResult.Status.COMPLETE);
        assertThat(fake.jobResumed).as("the load Job was resumed only once every Deployment was ready").isTrue();

        Path ds = dir.resolve("ds");
        JsonNode manifest = FrontDbFixture.JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean()).isTrue();
        assertThat(manifest.path("mode").asText()).isEqualTo("kubernetes");
        // Late points are counted, not hidden (zero on time is OtlpMetricsTest's; this fake's flushes wake late on a loaded machine).
        assertThat(manifest.path("counts").path("metricPointsLate").isNumber()).isTrue();

        Map<String, Map<String, Double>> metrics = FrontDbFixture.rows(ds.resolve("metrics.csv"));
        Map<String, Double> front = metrics.get("front|GET /x|requests");
        assertThat(front).hasSizeGreaterThanOrEqualTo(5);
        double sent = front.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sent).as("10 per pod per interval, two pods, 7 intervals").isPositive().isLessThanOrEqualTo(140);
        assertThat(front.values()).as("whole collections of whole pods").allSatisfy(v -> assertThat(v % 10).isZero());
        assertThat(metrics.get("front||replicas_up").values()).contains(2.0);
        assertThat(metrics.get("db|GET /q|errors").values().stream().mapToDouble(Double::doubleValue).sum()).as("db's 503s under the HTTPChaos").isPositive();

        JsonNode label = FrontDbFixture.JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        assertThat(label.path("mechanism").asText()).startsWith("chaos-mesh/HTTPChaos");
        assertThat(fake.chaosSeen).as("the HTTPChaos existed while the run was on").isNotEmpty();
        assertThat(Files.readAllLines(ds.resolve("load.csv"))).anySatisfy(l -> assertThat(l).contains("front GET /x"));

        assertThat(client.namespaces().withName(NS).get()).as("the namespace is gone").isNull();
        for (ChaosKind k : ChaosKind.values()) assertThat(client.genericKubernetesResources(k.context()).inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aLoadJobThatFailsFailsTheRunAndTheMeshIsStillTornDown() throws Exception {
        int port = freePort();
        RunResult r = run(port, Duration.ofSeconds(60), new FakeCluster(port, true, true));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.reason().orElse("")).contains("the load Job " + NS + "/microsim-load failed").contains("BackoffLimitExceeded");
        assertThat(FrontDbFixture.JSON.readTree(dir.resolve("ds/manifest.json").toFile()).path("complete").asBoolean()).isFalse();
        assertThat(client.namespaces().withName(NS).get()).isNull();
    }

    @Test
    void podsThatAreNotReadyInTimeFailTheRunNamingThemAndTheMeshIsTornDown() throws Exception {
        int port = freePort();
        RunResult r = run(port, Duration.ofSeconds(2), new FakeCluster(port, false, false));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.reason().orElse("")).contains("was not ready after 2 s").contains("front 0/2");
        assertThat(client.namespaces().withName(NS).get()).isNull();
    }

    /** The cluster's part: Deployment controller, pods' and load Job's OTLP, the Job's end. */
    final class FakeCluster implements Runnable {
        final URI otlp;
        final boolean jobFails;
        final boolean becomeReady;
        volatile boolean stop;
        volatile boolean jobResumed;
        volatile Throwable failure;
        final List<String> chaosSeen = new CopyOnWriteArrayList<>();

        FakeCluster(int port, boolean jobFails, boolean becomeReady) {
            this.otlp = URI.create("http://127.0.0.1:" + port);
            this.jobFails = jobFails;
            this.becomeReady = becomeReady;
        }

        @Override
        public void run() {
            try {
                play();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void play() throws Exception {
            var deployments = client.apps().deployments().inNamespace(NS);
            while (!stop && deployments.list().getItems().size() < 3) Thread.sleep(20);
            if (!becomeReady || stop) return;
            for (Deployment d : deployments.list().getItems()) {
                d.setStatus(new DeploymentStatusBuilder().withReplicas(d.getSpec().getReplicas()).withReadyReplicas(d.getSpec().getReplicas()).build());
                deployments.resource(d).updateStatus();
            }
            var job = client.batch().v1().jobs().inNamespace(NS).withName("microsim-load");
            while (!stop && (job.get() == null || !Boolean.FALSE.equals(job.get().getSpec().getSuspend()))) Thread.sleep(20);
            if (stop) return;
            jobResumed = true;
            List<ServiceMetrics> meters = new ArrayList<>();
            List<PeriodicMetricReader> readers = new ArrayList<>();
            List<EndpointInstruments> fronts = new ArrayList<>();
            EndpointInstruments db = null;
            for (String pod : List.of("front-a", "front-b", "db-a")) {
                PeriodicMetricReader reader = PodExport.metricReader(otlp.resolve("/v1/metrics").toString());
                String service = pod.substring(0, pod.indexOf('-'));
                ServiceMetrics m = new ServiceMetrics(Resource.getDefault().merge(Resource.create(Attributes.of(ReplicaTelemetry.SERVICE_NAME, service,
                        ReplicaTelemetry.SERVICE_INSTANCE_ID, pod))), List.of(reader), Clock.systemUTC(), List::of, () -> 1);
                meters.add(m);
                readers.add(reader);
                if (service.equals("front")) fronts.add(m.endpoint("GET /x"));
                else db = m.endpoint("GET /q");
            }
            // The meters close after the Job's end, as pods outlive their load Job: a closing meter's last flush is mid-interval.
            try (LoadExport load = new LoadExport(otlp, "microsim-load-x")) {
                Instant start = Instant.now();
                load.sink().loadStarted(start);
                long step = 1_000_000_000L;
                for (int k = 0; k < 7 && !stop; k++) {
                    boolean chaos = !client.genericKubernetesResources(ChaosKind.HTTP.context()).inNamespace(NS).list().getItems().isEmpty();
                    if (chaos) chaosSeen.add("interval " + k);
                    for (EndpointInstruments f : fronts) for (int i = 0; i < 10; i++) f.completed(2_000_000, chaos ? 503 : 200);
                    for (int i = 0; i < 20; i++) db.completed(1_000_000, chaos ? 503 : 200);
                    Instant now = Instant.now();
                    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    long next = (Math.floorDiv(nanos, step) + 1) * step;
                    TimeUnit.NANOSECONDS.sleep(next - nanos + 3_000_000);
                    for (PeriodicMetricReader r : readers) r.forceFlush().join(10, TimeUnit.SECONDS);
                    load.sink().accept(new ClientStats(OtlpMetrics.alignDown(now, Duration.ofSeconds(1)), "front GET /x", 20, chaos ? 20 : 0,
                            Map.of(chaos ? 503 : 200, 20L), 2.0, 2.0, 2.0));
                }
                Job j = job.get();
                j.setStatus(jobFails
                        ? new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                                .withMessage("Job has reached the specified backoff limit").endCondition().build()
                        : new JobStatusBuilder().withSucceeded(1).build());
                client.batch().v1().jobs().inNamespace(NS).resource(j).updateStatus();
                while (!stop) Thread.sleep(20);
            } finally {
                meters.forEach(ServiceMetrics::close);
            }
        }
    }
}
