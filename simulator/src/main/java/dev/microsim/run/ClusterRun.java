package dev.microsim.run;

import dev.microsim.cluster.Cluster;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import dev.microsim.recorder.otlp.OtlpDataset;
import dev.microsim.recorder.otlp.OtlpMetrics;
import dev.microsim.recorder.otlp.OtlpReceiver;
import dev.microsim.telemetry.TelemetrySink;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A run on a {@link Cluster}: the mesh runs in other processes (pods), so the dataset is recorded
 * from what they export. The recorder's OTLP/HTTP receiver listens first; the cluster comes up with
 * its pods exporting there (directly, or through the collector); the load program runs to its end
 * while the fault schedule acts on the pods (Chaos Mesh resources, control endpoints); spans and log
 * lines become traces.jsonl and logs.jsonl, the load's events load.csv and the run's start, and the
 * pods' metric points metrics.csv on the same interval grid as local mode ({@link OtlpMetrics}).
 * The cluster is torn down on every path: the end, an error, a cancel, Ctrl-C (a shutdown hook).
 */
public final class ClusterRun implements RunTarget {
    /**
     * @param listenHost where the receiver listens (127.0.0.1 for pods on this machine; 0.0.0.0 for a cluster's collector)
     * @param listenPort its port (0: a free one)
     * @param advertised the URL the pods or the collector reach the receiver at; null: http://listenHost:port
     * @param readyTimeout how long the pods may take to be ready
     * @param metricsLag how long an interval's metrics wait for every pod's points
     */
    public record Options(boolean traces, boolean logs, String listenHost, int listenPort, URI advertised, Duration readyTimeout,
                          Duration metricsLag) {
        public Options {
            if (listenPort < 0 || listenPort > 65535) throw new IllegalArgumentException("listenPort must be 0..65535, got " + listenPort);
            if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
                throw new IllegalArgumentException("readyTimeout must be > 0, got " + readyTimeout);
            }
        }

        /** Pods on this machine: the receiver on a free loopback port. */
        public static Options loopback(Duration readyTimeout) {
            return new Options(true, true, "127.0.0.1", 0, null, readyTimeout, null);
        }
    }

    /** How long after its window the load may run on (Gatling's own start-up and wind-down). */
    static final Duration LOAD_GRACE = Duration.ofSeconds(120);

    private final Cluster cluster;
    private final Options options;
    private final Clock clock = Clock.systemUTC();

    public ClusterRun(Cluster cluster, Options options) {
        this.cluster = cluster;
        this.options = options;
    }

    @Override
    public String mode() {
        return cluster.mode();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Report execute(RunContext ctx) throws Exception {
        Scenario scenario = ctx.scenario();
        Duration lag = options.metricsLag() != null ? options.metricsLag() : scenario.interval().plusSeconds(2);
        OtlpMetrics metrics = new OtlpMetrics(scenario, lag);
        OtlpDataset dataset = new OtlpDataset(TelemetrySink.only(ctx.telemetry(), options.traces(), options.logs()), metrics, null);
        Vertx vertx = Vertx.vertx();
        // The JVM ends right after its shutdown hooks: the pods must go in one of them, not in a finally it never reaches.
        Thread teardown = new Thread(cluster::close, "microsim-cluster-teardown");
        Runtime.getRuntime().addShutdownHook(teardown);
        try (OtlpReceiver receiver = OtlpReceiver.start(vertx, options.listenHost(), options.listenPort(), dataset)) {
            URI otlp = options.advertised() != null ? options.advertised() : URI.create("http://" + options.listenHost() + ":" + receiver.port());
            ctx.say("microsim: starting the " + scenario.services().values().stream().mapToInt(s -> s.replicas()).sum() + " pods of \""
                    + scenario.name() + "\" (" + cluster.mode() + ", seed " + scenario.seed() + ", " + Durations.format(scenario.duration())
                    + "); recording their OTLP at " + otlp);
            try {
                dataset.recordNothingYet(); // no request of the run's can come before its load starts
                cluster.up(scenario, ctx.dataset().resolve("scenario.yaml"), otlp, options.readyTimeout(), ctx::say);
                dataset.recordFrom(cluster.warmedUntil());
                if (ctx.cancelled()) throw new InterruptedException("cancelled");
                RemoteLoad load = new RemoteLoad(cluster, otlp, dataset, metrics, scenario.interval(), scenario.duration().plus(LOAD_GRACE), clock,
                        () -> receiver.requests() + " export requests, refused " + receiver.refused());
                Report report = LiveLoop.run(ctx, cluster.mesh(clock), cluster.mechanism(clock), vertx, metrics,
                        ref -> URI.create("http://" + ref.service() + ref.endpoint().path()), load);
                ctx.count("metricPointsLate", metrics.late());
                ctx.count("foreignRecords", dataset.foreign());
                ctx.count("warmUpRecords", dataset.beforeRun());
                if (metrics.late() > 0) {
                    ctx.say("microsim: " + metrics.late() + " metric points came after their interval was written (slower than " + lag.toMillis()
                            + " ms) and are not in metrics.csv");
                }
                return report;
            } finally {
                cluster.close(); // before the receiver: stopping pods flush their last spans and log lines into it
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(teardown);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: the cluster is being torn down.
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
