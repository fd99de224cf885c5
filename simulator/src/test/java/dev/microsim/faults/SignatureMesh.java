package dev.microsim.faults;

import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.faults.schedule.LabelRecord;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.runtime.LocalMesh;
import dev.microsim.runtime.MeshOptions;
import dev.microsim.telemetry.LogRecord;
import dev.microsim.telemetry.MetricRow;
import dev.microsim.telemetry.SpanRecord;
import dev.microsim.telemetry.TelemetrySink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small real mesh for fault signature tests, shared by the tests of a class:
 * {@code front -> mid (2 replicas) -> db}, plus {@code side}, which nothing calls and has its own
 * load: it is off every fault's path and must stay normal. {@link #run} drives bounded load at both
 * entries, samples metrics every {@link #INTERVAL}, and applies one fault through the real
 * {@link FaultInjector} (its own scheduler thread and the real clock) in the middle of the run.
 */
final class SignatureMesh implements SignatureRunner {
    static final Duration INTERVAL = Duration.ofMillis(250);
    /**
     * The fault starts this long into a run; the baseline runs from {@link #BASELINE_FROM} to the fault.
     * The first second is not baseline: a run's load starts with a stall of up to ~600 ms and then its
     * catch-up burst (fixed-rate timers), which made a 1 s baseline read 6.6 or 16 db requests an
     * interval for a steady 10 (a CI run and 4 of 11 lone runs of the cache-failure test failed on it).
     */
    static final Duration BEFORE = Duration.ofMillis(2500);
    static final Duration BASELINE_FROM = Duration.ofMillis(1000);
    static final Duration DURING = Duration.ofMillis(2000);
    static final Duration AFTER = Duration.ofMillis(1500);
    static final EndpointId GET = EndpointId.parse("GET /x");
    static final int FRONT_RATE = 40;
    static final int SIDE_RATE = 20;
    /** Metrics that count what happened in an interval (gauges are not scaled). */
    static final java.util.Set<String> PER_INTERVAL = java.util.Set.of("requests", "errors", "rejections", "cpu_ms");

    final Scenario scenario = scenario();
    final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    final List<SpanRecord> spans = new CopyOnWriteArrayList<>();
    final LocalMesh mesh;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SignatureMesh() {
        TelemetrySink sink = new TelemetrySink() {
            public void span(SpanRecord s) {
                if (collecting) spans.add(s);
            }

            public void log(LogRecord l) {
                if (collecting) logs.add(l);
            }

            public void metric(MetricRow row) {}
        };
        mesh = LocalMesh.start(scenario, MeshOptions.defaults(11, sink).withDiscoveryDelay(Duration.ofMillis(100)).withAccessLogShare(0));
        warmUp();
    }

    /** A few requests through every path first, so the first measured run is not the JIT's and the connection pools' warm-up. */
    private void warmUp() {
        for (int i = 0; i < 30; i++) {
            for (String entry : List.of("front", "side")) {
                try {
                    http.send(HttpRequest.newBuilder(mesh.uri(new EndpointRef(entry, GET))).timeout(Duration.ofSeconds(3)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("warm-up request to " + entry + " failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private volatile boolean collecting;

    static Scenario scenario() {
        Map<String, Service> s = new LinkedHashMap<>();
        s.put("front", service("front", 1, Resources.DEFAULT, ByteSize.parse("1KiB"),
                new Step.Sleep(ms(1)), new Step.Call(new EndpointRef("mid", GET), 1, ByteSize.ZERO, Duration.ofMillis(800), 0)));
        s.put("mid", service("mid", 2, Resources.DEFAULT, ByteSize.parse("1KiB"),
                new Step.Compute(ms(1)), new Step.Call(new EndpointRef("db", GET), 1, ByteSize.ZERO, Duration.ofMillis(300), 0)));
        s.put("db", service("db", 1, new Resources(new CpuCores(1000), ByteSize.parse("64Mi"), 8, 16), ByteSize.parse("2KiB"),
                new Step.Io(ms(3))));
        s.put("side", service("side", 1, Resources.DEFAULT, ByteSize.parse("1KiB"), new Step.Sleep(ms(2))));
        return new Scenario(1, "signatures", "", 11, Duration.ofMinutes(10), INTERVAL, s, List.of(), List.of());
    }

    private static Distribution ms(long n) {
        return new Distribution.Constant(Duration.ofMillis(n));
    }

    private static Service service(String name, int replicas, Resources res, ByteSize response, Step... steps) {
        return new Service(name, replicas, res, Map.of(GET, new Endpoint(GET, List.of(steps), 0, response, ByteSize.ZERO)));
    }

    static FaultSpec fault(String kind, FaultTarget target, Map<String, Object> params) {
        return new FaultSpec("f-" + kind, kind, target, BEFORE, DURING, Duration.ZERO, params);
    }

    /** Runs before + during + after with the fault scheduled at BEFORE for DURING. */
    @Override
    public Run run(FaultSpec fault) throws Exception {
        logs.clear();
        spans.clear();
        Scenario withFault = new Scenario(1, scenario.name(), "", scenario.seed(), scenario.duration(), INTERVAL, scenario.services(),
                List.of(), List.of(fault));
        Map<String, LabelRecord> labels = new LinkedHashMap<>();
        Map<Instant, List<MetricRow>> rows = new LinkedHashMap<>();
        AtomicLong clientErrors = new AtomicLong();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Duration total = BEFORE.plus(DURING).plus(AFTER);
        mesh.sampler().sample(Instant.EPOCH, 1); // drain what earlier runs left in the counters
        collecting = true;
        Instant start = mesh.clock().instant();
        try (FaultInjector injector = new FaultInjector(withFault, mesh, FaultCatalog.standard(), start, null, l -> labels.put(l.id(), l))) {
            injector.start();
            Instant[] covered = {start};
            // The sampler has its own thread, and waits a whole interval after each sample: on a busy machine it runs
            // late rather than in a catch-up burst of near-empty windows.
            sampler.scheduleWithFixedDelay(() -> {
                // Each row is keyed by the start of the window it really covers (the previous sample), and its counts are
                // scaled to one nominal interval: a late sample covers a longer window, and a row stamped with its nominal
                // interval would hold later requests (an onset seen early) or more of them.
                Instant intervalStart = covered[0];
                Instant now = mesh.clock().instant();
                covered[0] = now;
                double scale = (double) INTERVAL.toNanos() / Math.max(1, Duration.between(intervalStart, now).toNanos());
                List<MetricRow> sample = mesh.sampler().sample(intervalStart, INTERVAL.toNanos() / 1e9).stream()
                        .map(r -> PER_INTERVAL.contains(r.metric()) ? new MetricRow(r.time(), r.service(), r.endpoint(), r.metric(), r.value() * scale) : r)
                        .toList();
                synchronized (rows) {
                    rows.put(intervalStart, sample);
                }
            }, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            URI front = mesh.uri(new EndpointRef("front", GET));
            URI side = mesh.uri(new EndpointRef("side", GET));
            long frontN = total.toMillis() * FRONT_RATE / 1000;
            long sideN = total.toMillis() * SIDE_RATE / 1000;
            timers.scheduleAtFixedRate(bounded(front, frontN, clientErrors), 0, 1000 / FRONT_RATE, TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(bounded(side, sideN, clientErrors), 3, 1000 / SIDE_RATE, TimeUnit.MILLISECONDS);
            Thread.sleep(total.toMillis() + INTERVAL.toMillis() / 2);
            injector.checkHealthy();
        } finally {
            collecting = false;
            timers.shutdownNow();
            sampler.shutdownNow();
            timers.awaitTermination(5, TimeUnit.SECONDS);
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        synchronized (rows) {
            return new Run(start, new LinkedHashMap<>(rows), labels.get(fault.id()), List.copyOf(logs), List.copyOf(spans));
        }
    }

    private Runnable bounded(URI uri, long count, AtomicLong errors) {
        AtomicLong sent = new AtomicLong();
        return () -> {
            if (sent.incrementAndGet() > count) return;
            http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() >= 500) errors.incrementAndGet();
                    });
        };
    }

    @Override
    public void close() {
        mesh.close();
    }

    /** One run's telemetry, in phases relative to the fault's planned window. */
    record Run(Instant start, Map<Instant, List<MetricRow>> rows, LabelRecord label, List<LogRecord> logs, List<SpanRecord> spans) {
        Instant faultStart() {
            return start.plus(BEFORE);
        }

        Instant faultEnd() {
            return faultStart().plus(DURING);
        }

        /** Baseline: from {@link #BASELINE_FROM} (the load is steady) to the interval before the fault (a gauge sampled at its end may see the onset). */
        double before(String service, String metric) {
            return mean(service, metric, start.plus(BASELINE_FROM), faultStart().minus(INTERVAL));
        }

        /** The fault's window, skipping its first and last intervals (onset; a gauge sampled at the end may see the recovery). */
        double during(String service, String metric) {
            return mean(service, metric, faultStart().plus(INTERVAL), faultEnd().minus(INTERVAL));
        }

        /** After recovery, skipping the first 500 ms (in-flight requests and restarts settle). */
        double after(String service, String metric) {
            return mean(service, metric, faultEnd().plus(INTERVAL.multipliedBy(2)), faultEnd().plus(AFTER));
        }

        double maxDuring(String service, String metric) {
            return values(service, metric, faultStart(), faultEnd().plus(INTERVAL)).stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        double sumDuring(String service, String metric) {
            return values(service, metric, faultStart(), faultEnd().plus(INTERVAL)).stream().mapToDouble(Double::doubleValue).sum();
        }

        double mean(String service, String metric, Instant from, Instant to) {
            return values(service, metric, from, to).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** One value per interval starting in [from, to): summed over endpoints for counts, max for the rest. */
        List<Double> values(String service, String metric, Instant from, Instant to) {
            List<Double> out = new ArrayList<>();
            for (Map.Entry<Instant, List<MetricRow>> e : rows.entrySet()) {
                if (e.getKey().isBefore(from) || !e.getKey().isBefore(to)) continue;
                value(e.getValue(), service, metric).ifPresent(out::add);
            }
            return out;
        }

        /** Start of the first interval at or after the fault's planned start where {@code metric} crosses {@code threshold}. */
        Instant onset(String service, String metric, double threshold) {
            for (Map.Entry<Instant, List<MetricRow>> e : rows.entrySet()) {
                if (e.getKey().isBefore(faultStart().minus(INTERVAL))) continue;
                if (value(e.getValue(), service, metric).orElse(0.0) >= threshold) return e.getKey();
            }
            throw new AssertionError(service + " " + metric + " never reached " + threshold);
        }

        private static java.util.Optional<Double> value(List<MetricRow> rows, String service, String metric) {
            boolean counter = metric.equals("requests") || metric.equals("errors") || metric.equals("rejections");
            double v = counter ? 0 : Double.NEGATIVE_INFINITY;
            boolean any = false;
            for (MetricRow r : rows) {
                if (!r.service().equals(service) || !r.metric().equals(metric)) continue;
                any = true;
                v = counter ? v + r.value() : Math.max(v, r.value());
            }
            return any ? java.util.Optional.of(v) : java.util.Optional.empty();
        }

        long logsDuring(String service, LogRecord.Level level) {
            long from = toNanos(faultStart());
            long to = toNanos(faultEnd());
            return logs.stream().filter(l -> l.service().equals(service) && l.level() == level && l.epochNanos() >= from && l.epochNanos() < to).count();
        }

        static long toNanos(Instant i) {
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }
    }
}
