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
import java.util.List;
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
    private static final long REQUEST_TIMEOUT_NANOS = REQUEST_TIMEOUT.toNanos();
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
                    Client user = new Client(spec, UserDraws.userRandom(seed, spec.index(), u), closed, u, end);
                    user.then = Client.ITERATE;
                    loop.postAt(start, user);
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
     * One open entry's arrivals in the order they happen, each one scheduling the next (the entry is
     * itself the event of its next arrival). An arrival's instant is {@link ArrivalSchedule#arrivalTime}
     * of its number, as in live mode, where every user waits for its own instant; but numbers are not in
     * time order (a Poisson second places each of its arrivals independently), so each second's numbers
     * are sorted by instant (ties by number) before they are played. Chaining them in number order
     * instead would fire a late number first and every earlier-placed one at once after it: bursts at
     * the end of each second, not a Poisson process.
     */
    private final class OpenArrivals implements Runnable {
        private final CompiledSpec spec;
        private final ArrivalSchedule schedule;
        private final long start;
        private int second = -1;
        /** The current second's arrivals, sorted: {@code count} of them (the arrays are reused from second to second). */
        private long[] seqs = new long[0];
        private long[] times = new long[0];
        private long[] packed = new long[0];
        private int count;
        private int next;
        /** The number of the arrival posted last (the one {@link #run} makes). */
        private long due;

        OpenArrivals(CompiledSpec spec, ArrivalSchedule schedule, long start) {
            this.spec = spec;
            this.schedule = schedule;
            this.start = start;
        }

        /** Schedules the next arrival, or ends the entry after its last one. */
        void next() {
            while (next == count) {
                if (++second >= schedule.seconds()) {
                    entriesRunning--;
                    return;
                }
                order(second);
            }
            int i = next++;
            due = seqs[i];
            loop.postAt(start + times[i], this);
        }

        /** The arrival due now: the next one is scheduled first, then this one's journey starts. */
        @Override
        public void run() {
            long seq = due;
            next();
            Client client = new Client(spec, UserDraws.userRandom(seed, spec.index(), seq), null, 0, 0);
            client.journey(seq);
        }

        private void order(int s) {
            int n = (int) schedule.countInSecond(s);
            long first = schedule.countBetween(0, s);
            long secondStart = s * 1_000_000_000L;
            if (packed.length < n) {
                packed = new long[n];
                seqs = new long[n];
                times = new long[n];
            }
            // (offset inside the second, position) packed in one long: sorting them sorts by instant, ties by number.
            for (int k = 0; k < n; k++) packed[k] = (schedule.arrivalNanos(s, first + k) - secondStart) << 32 | k;
            Arrays.sort(packed, 0, n);
            for (int k = 0; k < n; k++) {
                seqs[k] = first + (packed[k] & 0xFFFF_FFFFL);
                times[k] = secondStart + (packed[k] >>> 32);
            }
            count = n;
            next = 0;
        }
    }

    /** An entry's visits: each one's target, its load.csv name and counters, and the think time after it. */
    private final class Visits {
        final EndpointRef[] targets;
        final SimClientStats.Target[] stats;
        final Distribution[] thinks;

        Visits(List<Workload.Visit> visits) {
            int n = visits.size();
            targets = new EndpointRef[n];
            stats = new SimClientStats.Target[n];
            thinks = new Distribution[n];
            for (int i = 0; i < n; i++) {
                Workload.Visit v = visits.get(i);
                targets[i] = v.target();
                stats[i] = SimLoad.this.stats.target(v.target().toString());
                thinks[i] = v.think();
            }
        }

        int size() {
            return targets.length;
        }
    }

    /** What an arrival of {@code spec} visits: its single target, or a journey drawn by weight (the weights summed once per entry). */
    private Visits visits(CompiledSpec spec, SplittableRandom random) {
        Visits single = singles[spec.index()];
        if (single != null) return single;
        Workload.Journeys j = (Workload.Journeys) spec.spec().workload();
        return journeyVisits[spec.index()][UserDraws.pickJourney(j, totalWeights[spec.index()], random)];
    }

    /** Gatling's admission: the entry's window is open (with the same slack) and its request budget has room. */
    private boolean admit(CompiledSpec spec) {
        if (loop.now() >= t0 + spec.end().toNanos() + END_SLACK.toNanos()) return false;
        if (budgetLeft[spec.index()] == Long.MAX_VALUE) return true;
        if (budgetLeft[spec.index()] <= 0) return false;
        budgetLeft[spec.index()]--;
        return true;
    }

    /**
     * One client of the load: an open arrival for its one journey, or a closed user for its whole life
     * (iteration after iteration, each a journey, with its think time between them). It sends its
     * journey's visits one after the other, each a request from outside to an entrypoint whose outcome
     * is recorded as Gatling would (status 0: no answer within {@link #REQUEST_TIMEOUT}), thinking
     * between visits where the journey says so. Its draws come from its one generator, in the order
     * Gatling's user makes them. One object for all of it (the call's result, its timeout and every
     * wake-up are this object): a request from outside costs no closures.
     */
    private final class Client implements CallResult, Runnable {
        /** What {@link #run} does: the request's timeout fired, the think time before the next visit is over, the next iteration starts. */
        static final int TIMEOUT = 0;
        static final int NEXT_VISIT = 1;
        static final int ITERATE = 2;

        private final CompiledSpec spec;
        private final SplittableRandom random;
        /** A closed user's profile, or null (an open arrival: one journey). */
        private final LoadProfile.Closed closed;
        private final long user;
        private final long end;
        private long iteration;
        private long arrival;
        private Visits visits;
        /** The visit under way. */
        private int visit;
        int then;
        /** A request is out: its answer, failure or timeout is still to come. */
        private boolean waiting;
        private long sent;
        private Cancellable call = Cancellable.NONE;
        private EventLoop.Event timeout;

        Client(CompiledSpec spec, SplittableRandom random, LoadProfile.Closed closed, long user, long end) {
            this.spec = spec;
            this.random = random;
            this.closed = closed;
            this.user = user;
            this.end = end;
        }

        /** Starts the journey of arrival {@code arrival}: it draws which journey first. */
        void journey(long arrival) {
            this.arrival = arrival;
            this.visits = visits(spec, random);
            visit(0);
        }

        @Override
        public void run() {
            switch (then) {
                case TIMEOUT -> timedOut();
                case NEXT_VISIT -> visit(visit + 1);
                case ITERATE -> iterate();
                default -> throw new IllegalStateException("client wake-up " + then);
            }
        }

        /** One iteration of a closed user; its generator is the user's own for its whole life, as in Gatling. */
        private void iterate() {
            if (loop.now() >= end) {
                entriesRunning--;
                return;
            }
            journey(RequestKey.closedArrival(user, iteration));
        }

        /** Sends visit {@code i} of the journey; after the last, a closed user thinks and iterates. */
        private void visit(int i) {
            if (i >= visits.size() || !admit(spec)) {
                if (closed != null) {
                    long think = closed.think().sample(random).toNanos();
                    iteration++;
                    then = ITERATE;
                    loop.post(think, this);
                }
                return;
            }
            visit = i;
            EndpointRef target = visits.targets[i];
            sent = loop.now();
            outstanding++;
            Outbound out = new Outbound(target.service(), target.endpoint(), target.endpoint().path(), RequestKey.of(spec.index(), arrival, i),
                    null, 0, REQUEST_TIMEOUT_NANOS);
            waiting = true;
            then = TIMEOUT;
            timeout = loop.after(REQUEST_TIMEOUT_NANOS, this);
            call = mesh.send(out, this, true);
        }

        @Override
        public void answered(int status, long responseBytes) {
            if (!waiting) return;
            waiting = false;
            timeout.cancel();
            done(status);
        }

        @Override
        public void failed(CallError error) {
            if (!waiting) return;
            waiting = false;
            timeout.cancel();
            done(0);
        }

        private void timedOut() {
            if (!waiting) return;
            waiting = false;
            call.cancel();
            done(0);
        }

        /** The visit's outcome is in: counted, then the next visit (after the think time, if the journey has one here). */
        private void done(int status) {
            outstanding--;
            stats.record(visits.stats[visit], status, loop.now() - sent);
            boolean last = visit == visits.size() - 1;
            Distribution think = visits.thinks[visit];
            if (!last && think != null) {
                then = NEXT_VISIT;
                loop.post(think.sample(random).toNanos(), this);
            } else {
                visit(visit + 1);
            }
        }
    }
}
