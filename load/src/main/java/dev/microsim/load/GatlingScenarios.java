package dev.microsim.load;

import dev.microsim.model.request.RequestKey;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIf;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.Workload;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the Gatling populations for a run: one scenario per load entry plus a control user that
 * ends the run early on cancellation or when every request budget is spent.
 *
 * <p>Open entries: Gatling injects each window's planned users at once and every user first
 * pauses until its own planned instant from the {@link ArrivalSchedule}. Closed entries: exactly N
 * users, each looping request(s) then think time until the entry's end. Every request passes
 * {@link ActiveRun#admit} (time window, request budget, stop flag) and its outcome is recorded in
 * {@link ClientStatsCollector} from the session: status saved by a check (0 when no response came)
 * and latency from just before the request to just after it.
 */
final class GatlingScenarios {
    static final String CONTROL = "microsim-control";
    /** How often the control user looks for a stop request. */
    static final Duration CONTROL_POLL = Duration.ofMillis(50);
    /** Most injection steps per entry; long runs inject in wider windows to keep Gatling's step chain short. */
    private static final int MAX_WINDOWS = 1_000;

    private static final String SEQ = "microsim.seq";
    /** Gatling's loop counter of a closed user's iterations (part of the request key). */
    private static final String ITERATION = "microsim.iteration";
    private static final String RNG = "microsim.rng";
    private static final String JOURNEY = "microsim.journey";
    private static final String STATUS = "microsim.status";
    private static final String SENT = "microsim.sentNanos";

    private GatlingScenarios() {}

    static List<PopulationBuilder> populations(ActiveRun run) {
        List<PopulationBuilder> out = new ArrayList<>();
        for (CompiledSpec spec : run.specs) {
            if (spec.spec().profile() instanceof LoadProfile.Closed closed) {
                out.add(closed(run, spec, closed));
            } else {
                ArrivalSchedule schedule = spec.schedule().orElseThrow();
                if (schedule.total() > 0) out.add(open(run, spec, schedule));
            }
        }
        out.add(scenario(CONTROL)
                .exec(session -> {
                    run.ensureStarted();
                    return session;
                })
                .exec(asLongAs(session -> run.stopReason() == null && !run.allBudgetsDone() && run.elapsedNanos() < run.lastEnd().toNanos())
                        .on(pause(CONTROL_POLL)))
                .stopLoadGeneratorIf(session -> "microsim: " + (run.stopReason() != null ? run.stopReason() : "every request budget spent"),
                        session -> run.stopReason() != null || run.allBudgetsDone())
                .injectOpen(atOnceUsers(1)));
        return out;
    }

    /**
     * One shared connection pool (like a gateway; a pool per virtual user would open a connection
     * per arrival and run out of loopback ports), no redirects (a redirect could point off this
     * host), no caching. Gatling's warm-up request, which loads and JIT-compiles its HTTP stack
     * before the first user, goes to the run's first target instead of its default external site:
     * without it the first second's requests queue for about a second on a cold JVM. That one GET
     * is not counted in the client statistics.
     */
    static HttpProtocolBuilder protocol(ActiveRun run) {
        HttpProtocolBuilder http = HttpDsl.http.shareConnections().disableFollowRedirect().disableCaching().userAgentHeader("microsim-load");
        String first = run.specs.stream().flatMap(s -> s.urls().values().stream()).findFirst().orElse(null);
        return first == null ? http.disableWarmUp() : http.warmUp(first);
    }

    private static PopulationBuilder open(ActiveRun run, CompiledSpec spec, ArrivalSchedule schedule) {
        Duration start = spec.spec().start();
        ChainBuilder arrive = exec(session -> {
            run.ensureStarted();
            long seq = run.nextArrival(spec.index());
            return session.set(SEQ, seq).set(RNG, userRandom(run, spec, seq));
        })
                .exitHereIf(session -> session.getLong(SEQ) >= schedule.total())
                .pause(session -> Duration.ofNanos(Math.max(0, run.nanosUntil(start.plus(schedule.arrivalTime(session.getLong(SEQ)))))));
        var scenario = scenario(spec.path()).exec(arrive).exec(workload(run, spec));
        return scenario.injectOpen(injection(spec, schedule));
    }

    /**
     * Each window's users are injected one window ahead (the first two windows at once at the
     * start) and then wait for their planned instants, so injector jitter never makes one late.
     */
    static List<OpenInjectionStep> injection(CompiledSpec spec, ArrivalSchedule schedule) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        Duration start = spec.spec().start();
        int seconds = schedule.seconds();
        int window = Math.max(1, (seconds + MAX_WINDOWS - 1) / MAX_WINDOWS);
        Duration lead = Duration.ofSeconds(window);
        Duration waitFirst = start.compareTo(lead) > 0 ? start.minus(lead) : Duration.ZERO;
        int firstWindowEnd = start.compareTo(lead) > 0 ? window : 2 * window;
        if (!waitFirst.isZero()) steps.add(nothingFor(waitFirst));
        long users = schedule.countBetween(0, firstWindowEnd);
        if (users > 0) steps.add(atOnceUsers(Math.toIntExact(users)));
        for (int from = firstWindowEnd; from < seconds && schedule.countBetween(from, seconds) > 0; from += window) {
            steps.add(nothingFor(lead));
            users = schedule.countBetween(from, from + window);
            if (users > 0) steps.add(atOnceUsers(Math.toIntExact(users)));
        }
        return steps;
    }

    private static PopulationBuilder closed(ActiveRun run, CompiledSpec spec, LoadProfile.Closed closed) {
        var users = scenario(spec.path())
                .exec(session -> {
                    run.ensureStarted();
                    long user = run.nextArrival(spec.index());
                    return session.set(SEQ, user).set(RNG, userRandom(run, spec, user));
                })
                .during(spec.length(), ITERATION, true)
                .on(exec(workload(run, spec)).pause(session -> think(session, closed.think())));
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (!spec.spec().start().isZero()) steps.add(nothingFor(spec.spec().start()));
        // A closed population is exactly N long-lived users; injecting them at once with an open
        // step is what lets the entry start late (Gatling's closed steps cannot wait first).
        steps.add(atOnceUsers(closed.users()));
        return users.injectOpen(steps);
    }

    private static ChainBuilder workload(ActiveRun run, CompiledSpec spec) {
        Workload workload = spec.spec().workload();
        if (workload instanceof Workload.Single single) return request(run, spec, single.target(), 0);
        Workload.Journeys journeys = (Workload.Journeys) workload;
        List<Choice.WithKey> cases = new ArrayList<>();
        for (int j = 0; j < journeys.journeys().size(); j++) {
            cases.add(onCase(j).then(journey(run, spec, journeys.journeys().get(j))));
        }
        double total = journeys.totalWeight();
        return exec(session -> session.set(JOURNEY, pick(journeys, total, random(session))))
                .exec(doSwitch(session -> session.getInt(JOURNEY)).on(cases));
    }

    private static ChainBuilder journey(ActiveRun run, CompiledSpec spec, Workload.Journey journey) {
        ChainBuilder chain = null;
        List<Workload.Visit> visits = journey.visits();
        for (int v = 0; v < visits.size(); v++) {
            Workload.Visit visit = visits.get(v);
            ChainBuilder step = request(run, spec, visit.target(), v);
            chain = chain == null ? step : chain.exec(step);
            if (v < visits.size() - 1 && visit.think() != null) {
                chain = chain.pause(session -> think(session, visit.think()));
            }
        }
        return chain;
    }

    /** Journey index drawn by weight from the user's own seeded generator. */
    static int pick(Workload.Journeys journeys, double totalWeight, SplittableRandom random) {
        return UserDraws.pickJourney(journeys, random);
    }

    private static ChainBuilder request(ActiveRun run, CompiledSpec spec, EndpointRef target, int visit) {
        String name = target.toString();
        String url = spec.urls().get(target);
        return exitHereIf(session -> !run.admit(spec))
                .exec(session -> session.remove(STATUS).set(SENT, System.nanoTime()))
                .exec(http(name).httpRequest(target.endpoint().method(), url)
                        .header(RequestKey.HEADER, session -> RequestKey.format(requestKey(spec, session, visit)))
                        .check(status().saveAs(STATUS)))
                .exec(session -> {
                    int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
                    run.stats.record(name, status, System.nanoTime() - session.getLong(SENT));
                    return session;
                });
    }

    /**
     * The {@link RequestKey} of this visit: open users are numbered by arrival, closed users by
     * (user, iteration of Gatling's loop counter), never by the order requests happen to go out.
     */
    static long requestKey(CompiledSpec spec, Session session, int visit) {
        long seq = session.getLong(SEQ);
        long arrival = session.contains(ITERATION) ? RequestKey.closedArrival(seq, session.getInt(ITERATION)) : seq;
        return RequestKey.of(spec.index(), arrival, visit);
    }

    private static Duration think(Session session, Distribution think) {
        return think.sample(random(session));
    }

    private static SplittableRandom random(Session session) {
        return session.get(RNG);
    }

    /** Every user's draws come from its own generator, fixed by (run seed, entry, user number). */
    private static SplittableRandom userRandom(ActiveRun run, CompiledSpec spec, long seq) {
        return UserDraws.userRandom(run.seed, spec.index(), seq);
    }
}
