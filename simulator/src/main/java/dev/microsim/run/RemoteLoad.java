package dev.microsim.run;

import dev.microsim.cluster.Cluster;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.load.LoadRunner;
import dev.microsim.recorder.otlp.OtlpDataset;
import dev.microsim.recorder.otlp.OtlpMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of a {@link ClusterRun}: the cluster's load program ({@code microsim drive}, the same plan
 * from the same resolved scenario) runs in its own process and reports over OTLP; this runner waits
 * for it and passes its events on. The run starts on the pods' interval grid: at the grid boundary
 * before the first request (the first one after this runner was called), so that every metrics.csv
 * interval is exactly one collection of every pod.
 */
final class RemoteLoad implements LoadRunner {
    private final Cluster cluster;
    private final URI otlp;
    private final OtlpDataset dataset;
    private final OtlpMetrics metrics;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    /** What the recorder's receiver has taken so far, for the error when drive's start never came. */
    private final java.util.function.Supplier<String> receiverAnswers;

    RemoteLoad(Cluster cluster, URI otlp, OtlpDataset dataset, OtlpMetrics metrics, Duration interval, Duration timeout, Clock clock,
               java.util.function.Supplier<String> receiverAnswers) {
        this.receiverAnswers = receiverAnswers;
        this.cluster = cluster;
        this.otlp = otlp;
        this.dataset = dataset;
        this.metrics = metrics;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "microsim drive (Gatling in its own process, " + cluster.mode() + ")";
    }

    @Override
    public LoadResult run(LoadPlan plan, ClientStatsSink sink) throws InterruptedException {
        Instant called = clock.instant();
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        dataset.load(new ClientStatsSink() {
            @Override
            public void accept(ClientStats stats) {
                requests.addAndGet(stats.requests());
                errors.addAndGet(stats.errors());
                sink.accept(stats);
            }

            @Override
            public void loadStarted(Instant at) {
                // The first start counts: drive sends it again when no answer came, which may still have arrived.
                if (!started.compareAndSet(false, true)) return;
                Instant start = OtlpMetrics.alignDown(at, interval);
                while (start.isBefore(called)) start = start.plus(interval); // the run cannot start before the mesh was up
                metrics.origin(start);
                sink.loadStarted(start);
            }
        });
        String said;
        try {
            said = cluster.drive(otlp, timeout);
        } finally {
            dataset.load(null);
        }
        if (!started.get()) {
            // drive ended well, yet its start never came: say what it said, not just that nothing was sent.
            throw new IllegalStateException("the load program ended but its start event never reached the recorder at " + otlp
                    + " (the receiver answered " + receiverAnswers.get() + "); " + cluster.mode() + " load: " + said);
        }
        return new LoadResult(requests.get(), errors.get(), false);
    }
}
