package dev.microsim.sim;

import dev.microsim.engine.CallError;
import dev.microsim.engine.CallResult;
import dev.microsim.engine.Cancellable;
import dev.microsim.engine.Outbound;
import dev.microsim.load.ArrivalSchedule;
import dev.microsim.load.ClientStatsSink;
import dev.microsim.load.CompiledSpec;
import dev.microsim.load.UserDraws;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.request.RequestKey;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The scenario's load in virtual time, as Gatling plays it in wall time: open entries arrive at the
 * instants of their {@link ArrivalSchedule}, closed entries keep N users looping with think time until
 * the entry ends; each arrival (or iteration) draws its journey and think times from the same seeded
 * per-user generator ({@link UserDraws}) and stamps the same {@link RequestKey}s. Requests a client
 * gets no answer to within Gatling's default timeout (60 s) count as failed (status 0). Client
 * statistics go to the sink once per interval, as load.csv rows.
 */
final class SimLoad {
    /** Gatling's default request timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** As Gatling's runner: a request planned just before an entry's end still goes. */
    static final Duration END_SLACK = Duration.ofMillis(200);

    private final SimMesh mesh;
    private final EventLoop loop;
    private final List<CompiledSpec> specs;
    private final long seed;
    private final SimClientStats stats;
    private final long[] budgetLeft;
    /** Per entry: its one visit (single-target workloads), or each journey's visits and the journeys' total weight. */
    private final Visits[] singles;
    private final Visits[][] journeyVisits;
    private final double[] totalWeights;
    /** Targets' names as load.csv writes them, made once. */
    private final Map<EndpointRef, String> names = new HashMap<>();
    private int entriesRunning;
    private long t0;
    private long outstanding;

    SimLoad(SimMesh mesh, List<CompiledSpec> specs, long seed) {
        this.mesh = mesh;
        this.loop = mesh.loop;
        this.specs = specs;
        this.seed = seed;
        this.stats = new SimClientStats(specs.stream().flatMap(s -> s.urls().keySet().stream()).map(EndpointRef::toString).distinct().toList());
        this.budgetLeft = new long[specs.size()];
        this.singles = new Visits[specs.size()];
        this.journeyVisits = new Visits[specs.size()][];
        this.totalWeights = new double[specs.size()];
        for (CompiledSpec s : specs) {
            budgetLeft[s.index()] = s.budget();
            if (s.spec().workload() instanceof Workload.Single single) {
                singles[s.index()] = new Visits(List.of(new Workload.Visit(single.target(), null)));
            } else {
                Workload.Journeys j = (Workload.Journeys) s.spec().workload();
                journeyVisits[s.index()] = j.journeys().stream().map(x -> new Visits(x.visits())).toArray(Visits[]::new);
                totalWeights[s.index()] = j.totalWeight();
            }
        }
    }

    /** Schedules every entry's first arrival (or its users) relative to now. */
    void start() {
        t0 = loop.now();
        for (CompiledSpec spec : specs) {
            long start = t0 + spec.spec().start().toNanos();
            if (spec.spec().profile() instanceof LoadProfile.Closed closed) {
                long end = start + spec.length().toNanos();
                for (int u = 0; u < closed.users(); u++) {
                    entriesRunning++;
                    long user = u;
                    SplittableRandom random = UserDraws.userRandom(seed, spec.index(), user);
                    loop.postAt(start, () -> iterate(spec, closed, user, 0, end, random));
                }
            } else {
                ArrivalSchedule schedule = spec.schedule().orElseThrow();
                if (schedule.total() == 0) continue;
                entriesRunning++;
                new OpenArrivals(spec, schedule, start).next();
            }
        }
    }

    /** True once every arrival has been made and every request has been answered or timed out. */
    boolean finished() {
        return entriesRunning == 0 && outstanding == 0;
    }

    /** Hands the interval's client statistics (one row per target) to the sink. */
    void emit(ClientStatsSink sink, Instant intervalStart) {
        stats.takeInterval(intervalStart).forEach(sink::accept);
    }

    long totalRequests() {
        return stats.totalRequests();
    }

    /**
     * One open entry's arrivals in the order they happen, each one scheduling the next. An arrival's
     * instant is {@link ArrivalSchedule#arrivalTime} of its number, as in live mode, where every user
     * waits for its own instant; but numbers are not in time order (a Poisson second places each of
     * its arrivals independently), so each second's numbers are sorted by instant (ties by number)
     * before they are played. Chaining them in number order instead would fire a late number first and
     * every earlier-placed one at once after it: bursts at the end of each second, not a Poisson process.
     */
    private final class OpenArrivals {
        private final CompiledSpec spec;
        private final ArrivalSchedule schedule;
        private final long start;
        private int second = -1;
        private long[] seqs = new long[0];
        private long[] times = new long[0];
        private int next;

        OpenArrivals(CompiledSpec spec, ArrivalSchedule schedule, long start) {
            this.spec = spec;
            this.schedule = schedule;
            this.start = start;
        }

        /** Schedules the next arrival, or ends the entry after its last one. */
        void next() {
            while (next == seqs.length) {
                if (++second >= schedule.seconds()) {
                    entriesRunning--;
                    return;
                }
                order(second);
            }
            int i = next++;
            loop.postAt(start + times[i], () -> {
                long seq = seqs[i];
                next();
                SplittableRandom random = UserDraws.userRandom(seed, spec.index(), seq);
                visit(spec, seq, visits(spec, random), 0, random, () -> {});
            });
        }

        private void order(int s) {
            int n = (int) schedule.countInSecond(s);
            long first = schedule.countBetween(0, s);
            long secondStart = s * 1_000_000_000L;
            // (offset inside the second, position) packed in one long: sorting them sorts by instant, ties by number.
            long[] packed = new long[n];
            for (int k = 0; k < n; k++) packed[k] = (schedule.arrivalTime(first + k).toNanos() - secondStart) << 32 | k;
            Arrays.sort(packed);
            seqs = new long[n];
            times = new long[n];
            for (int k = 0; k < n; k++) {
                seqs[k] = first + (packed[k] & 0xFFFF_FFFFL);
                times[k] = secondStart + (packed[k] >>> 32);
            }
            next = 0;
        }
    }

    /** One iteration of a closed user; its generator is the user's own for its whole life, as in Gatling. */
    private void iterate(CompiledSpec spec, LoadProfile.Closed closed, long user, long iteration, long end, SplittableRandom random) {
        if (loop.now() >= end) {
            entriesRunning--;
            return;
        }
        long arrival = RequestKey.closedArrival(user, iteration);
        visit(spec, arrival, visits(spec, random), 0, random, () -> {
            long think = closed.think().sample(random).toNanos();
            loop.post(think, () -> iterate(spec, closed, user, iteration + 1, end, random));
        });
    }

    private record Visits(List<Workload.Visit> visits) {}

    /** What an arrival of {@code spec} visits: its single target, or a journey drawn by weight (the weights summed once per entry). */
    private Visits visits(CompiledSpec spec, SplittableRandom random) {
        Visits single = singles[spec.index()];
        if (single != null) return single;
        Workload.Journeys j = (Workload.Journeys) spec.spec().workload();
        return journeyVisits[spec.index()][UserDraws.pickJourney(j, totalWeights[spec.index()], random)];
    }

    /** Sends visit {@code i} of the arrival, then thinks and goes on with the next; {@code done} after the last. */
    private void visit(CompiledSpec spec, long arrival, Visits visits, int i, SplittableRandom random, Runnable done) {
        if (i >= visits.visits().size() || !admit(spec)) {
            done.run();
            return;
        }
        Workload.Visit v = visits.visits().get(i);
        long key = RequestKey.of(spec.index(), arrival, i);
        request(v.target(), key, () -> {
            boolean last = i == visits.visits().size() - 1;
            Distribution think = v.think();
            if (!last && think != null) loop.post(think.sample(random).toNanos(), () -> visit(spec, arrival, visits, i + 1, random, done));
            else visit(spec, arrival, visits, i + 1, random, done);
        });
    }

    /** Gatling's admission: the entry's window is open (with the same slack) and its request budget has room. */
    private boolean admit(CompiledSpec spec) {
        if (loop.now() >= t0 + spec.end().toNanos() + END_SLACK.toNanos()) return false;
        if (budgetLeft[spec.index()] == Long.MAX_VALUE) return true;
        if (budgetLeft[spec.index()] <= 0) return false;
        budgetLeft[spec.index()]--;
        return true;
    }

    /** One request from outside to an entrypoint; its outcome is recorded as Gatling would (status 0: no answer). */
    private void request(EndpointRef target, long key, Runnable then) {
        String name = names.computeIfAbsent(target, EndpointRef::toString);
        long sent = loop.now();
        outstanding++;
        Outbound out = new Outbound(target.service(), target.endpoint(), target.endpoint().path(), key, null, 0, REQUEST_TIMEOUT.toNanos());
        Cancellable[] call = new Cancellable[1];
        boolean[] over = {false};
        EventLoop.Event timeout = loop.after(REQUEST_TIMEOUT.toNanos(), () -> {
            if (over[0]) return;
            over[0] = true;
            call[0].cancel();
            done(name, 0, sent, then);
        });
        call[0] = mesh.send(out, new CallResult() {
            @Override
            public void answered(int status, long responseBytes) {
                if (over[0]) return;
                over[0] = true;
                timeout.cancel();
                done(name, status, sent, then);
            }

            @Override
            public void failed(CallError error) {
                if (over[0]) return;
                over[0] = true;
                timeout.cancel();
                done(name, 0, sent, then);
            }
        }, true);
    }

    private void done(String target, int status, long sent, Runnable then) {
        outstanding--;
        stats.record(target, status, loop.now() - sent);
        then.run();
    }
}
