package dev.microsim.runtime;

import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.load.LoadRunner;
import dev.microsim.model.request.RequestKey;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.time.IntervalClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A small load generator on Vert.x for tests, benchmarks and a Gatling-free run
 * ({@code microsim run --load builtin}). Open profiles: arrivals at {@link LoadProfile.Open#rateAt}
 * (exponential gaps for Poisson, even gaps otherwise); closed: N users loop with think time.
 * Journeys run their visits in order. Bounded by the plan's duration, each entry's window and
 * {@code maxRequests}, and at most {@value #MAX_OUTSTANDING} requests in flight (beyond that an
 * arrival counts as a client-side failure, status 0). The real load engine is Gatling.
 */
public final class LoopbackLoadRunner implements LoadRunner {
    static final int MAX_OUTSTANDING = 20_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;

    public LoopbackLoadRunner(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String description() {
        return "built-in Vert.x load generator (open and closed models)";
    }

    private static final class TargetStats {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final Recorder latency = new Recorder(3_600_000_000L, 2);
        Histogram spare;

        void record(int status, long nanos) {
            requests.increment();
            if (status == 0 || status >= 500) errors.increment();
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            latency.recordValue(Math.min(3_600_000_000L, nanos / 1000));
        }

        synchronized ClientStats drain(Instant start, String target) {
            spare = latency.getIntervalHistogram(spare);
            Map<Integer, Long> codes = new HashMap<>();
            byStatus.forEach((k, v) -> {
                long n = v.sumThenReset();
                if (n > 0) codes.put(k, n);
            });
            return new ClientStats(start, target, requests.sumThenReset(), errors.sumThenReset(), codes,
                    spare.getValueAtPercentile(50) / 1000.0, spare.getValueAtPercentile(95) / 1000.0, spare.getValueAtPercentile(99) / 1000.0);
        }
    }

    @Override
    public LoadResult run(LoadPlan plan, ClientStatsSink sink) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(512).setKeepAlive(true).setTcpNoDelay(true)
                .setMaxWaitQueueSize(-1));
        Map<String, TargetStats> stats = new ConcurrentHashMap<>();
        AtomicInteger outstanding = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Instant start = clock.instant();
        sink.loadStarted(start);
        long t0 = System.nanoTime();
        long end = t0 + plan.duration().toNanos();
        SplittableRandom random = new SplittableRandom(plan.seed());

        class Sender implements Send {
            @Override
            public
            void send(EndpointRef ref, long requestKey, Runnable then) {
                String key = ref.toString();
                TargetStats ts = stats.computeIfAbsent(key, k -> new TargetStats());
                if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
                    outstanding.decrementAndGet();
                    ts.record(0, 0);
                    errors.incrementAndGet();
                    total.incrementAndGet();
                    if (then != null) then.run();
                    return;
                }
                URI uri = plan.resolve().apply(ref);
                long s = System.nanoTime();
                client.request(new RequestOptions().setMethod(HttpMethod.valueOf(ref.endpoint().method())).setAbsoluteURI(uri.toString())
                                .setTimeout(REQUEST_TIMEOUT.toMillis()).putHeader(RequestKey.HEADER, RequestKey.format(requestKey)))
                        .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                        .onComplete(ar -> {
                            outstanding.decrementAndGet();
                            int status = ar.succeeded() ? ar.result() : 0;
                            ts.record(status, System.nanoTime() - s);
                            total.incrementAndGet();
                            if (status == 0 || status >= 500) errors.incrementAndGet();
                            if (then != null) then.run();
                        });
            }
        }
        Sender sender = new Sender();

        // Interval emitter. It stops one interval after the end; what answers come later (a slow mesh, a loaded machine)
        // go out in one last, partial interval after the grace wait below, never lost. Intervals end by the run's
        // clock, as the metric rows' do (IntervalClock says why).
        IntervalClock grid = IntervalClock.live(clock, start, plan.interval());
        long[] emitted = {0};
        Thread emitter = new Thread(() -> {
            try {
                while (true) {
                    long wait = grid.nanosUntilEnd(emitted[0], IntervalClock.MAX_WAIT_NANOS);
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    for (long ended = grid.endedIntervals(); emitted[0] < ended; emitted[0]++) {
                        Instant intervalStart = grid.intervalStart(emitted[0]);
                        stats.forEach((target, ts) -> sink.accept(ts.drain(intervalStart, target)));
                    }
                    if (System.nanoTime() > end + plan.interval().toNanos()) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "microsim-load-stats");
        emitter.setDaemon(true);
        emitter.start();

        List<Thread> drivers = new ArrayList<>();
        boolean stopped = false;
        try {
            for (int entryIndex = 0; entryIndex < plan.specs().size(); entryIndex++) {
                LoadSpec spec = plan.specs().get(entryIndex);
                int entry = entryIndex;
                long specStart = t0 + spec.start().toNanos();
                long specEnd = Math.min(end, specStart + spec.effectiveDuration(plan.duration()).toNanos());
                long max = spec.maxRequests().orElse(Long.MAX_VALUE);
                AtomicLong sent = new AtomicLong();
                SplittableRandom r = random.split();
                if (spec.profile() instanceof LoadProfile.Closed closed) {
                    for (int u = 0; u < closed.users(); u++) {
                        SplittableRandom ur = r.split();
                        long user = u;
                        long[] iteration = {0}; // touched only by this user's chain, one step at a time
                        Runnable[] loop = new Runnable[1];
                        loop[0] = () -> {
                            if (System.nanoTime() >= specEnd || sent.incrementAndGet() > max) return;
                            List<EndpointRef> visits = visits(spec.workload(), ur);
                            long arrival = RequestKey.closedArrival(user, iteration[0]++);
                            runVisits(sender, entry, arrival, visits, 0, () -> {
                                long think = closed.think().sample(ur).toMillis();
                                if (think >= 1) vertx.setTimer(think, id -> loop[0].run());
                                else vertx.runOnContext(v -> loop[0].run());
                            });
                        };
                        vertx.setTimer(Math.max(1, (specStart - System.nanoTime()) / 1_000_000), id -> loop[0].run());
                    }
                } else {
                    LoadProfile.Open open = (LoadProfile.Open) spec.profile();
                    boolean poisson = open instanceof LoadProfile.Poisson;
                    Thread driver = new Thread(() -> {
                        long next = specStart;
                        while (next < specEnd && sent.get() < max && !Thread.currentThread().isInterrupted()) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            if (Thread.currentThread().isInterrupted()) return;
                            double rate = open.rateAt(Duration.ofNanos(Math.max(0, next - specStart)));
                            if (rate <= 0) {
                                next += 10_000_000;
                                continue;
                            }
                            long arrival = sent.getAndIncrement(); // one driver thread per entry: arrivals numbered in plan order
                            runVisits(sender, entry, arrival, visits(spec.workload(), r), 0, () -> {});
                            double gap = poisson ? -Math.log(1 - r.nextDouble()) / rate : 1.0 / rate;
                            next += Math.max(1, (long) (gap * 1e9));
                        }
                    }, "microsim-load-" + spec.name());
                    driver.setDaemon(true);
                    driver.start();
                    drivers.add(driver);
                }
            }
            long left;
            while ((left = end - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000));
            // Let in-flight requests finish (bounded).
            long grace = System.nanoTime() + 5_000_000_000L;
            while (outstanding.get() > 0 && System.nanoTime() < grace) Thread.sleep(20);
            emitter.join(plan.interval().toMillis() * 2 + 1000);
            if (!emitter.isAlive()) {
                Instant last = grid.intervalStart(emitted[0]);
                List<ClientStats> late = new ArrayList<>();
                stats.forEach((target, ts) -> late.add(ts.drain(last, target)));
                if (late.stream().anyMatch(c -> c.requests() > 0)) late.forEach(sink::accept);
            }
        } catch (InterruptedException e) {
            stopped = true;
            Thread.currentThread().interrupt();
        } finally {
            drivers.forEach(Thread::interrupt);
            emitter.interrupt();
            vertx.close();
        }
        if (stopped) throw new InterruptedException("load stopped");
        return new LoadResult(total.get(), errors.get(), false);
    }

    private static List<EndpointRef> visits(Workload w, SplittableRandom r) {
        if (w instanceof Workload.Single s) return List.of(s.target());
        Workload.Journeys j = (Workload.Journeys) w;
        double pick = r.nextDouble() * j.totalWeight();
        for (Workload.Journey journey : j.journeys()) {
            pick -= journey.weight();
            if (pick <= 0) return journey.visits().stream().map(Workload.Visit::target).toList();
        }
        return j.journeys().get(0).visits().stream().map(Workload.Visit::target).toList();
    }

    private interface Send {
        void send(EndpointRef ref, long requestKey, Runnable then);
    }

    /** Sends the visits in order, each stamped with its {@link RequestKey} (entry, arrival, visit number). */
    private static void runVisits(Send sender, int entry, long arrival, List<EndpointRef> visits, int i, Runnable done) {
        if (i >= visits.size()) {
            done.run();
            return;
        }
        sender.send(visits.get(i), RequestKey.of(entry, arrival, i), () -> runVisits(sender, entry, arrival, visits, i + 1, done));
    }
}
