package dev.microsim.load.cli;

import dev.microsim.load.ClientStats;
import dev.microsim.load.GatlingLoadRunner;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.load.LoopbackUrls;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Durations;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code microsim load}: drives one loopback URL with a load profile through the same embedded
 * Gatling runner {@code microsim run} uses, printing the client's view once per interval.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send shaped load (Gatling, embedded) to one loopback URL and print requests, errors and latency per interval.",
            "Only 127.0.0.0/8, localhost and ::1 are accepted: this tool never sends load to other hosts.",
            "Every run is bounded by --duration and --max-requests; every random choice comes from --seed.",
            "Exit codes: 0 done, 1 invalid values or a failed run, 2 usage errors."},
        footer = {"", "Examples:",
            "  microsim load --url http://127.0.0.1:8080/home --profile constant --rate 200/s --duration 30s",
            "  microsim load --url http://127.0.0.1:8080/home --profile diurnal --base 100/s --amplitude 80/s --period 60s --noise 0.1 --duration 2m",
            "  microsim load --url http://127.0.0.1:8080/home --profile spike --rate 20/s --peak 300/s --at 10s --length 5s --duration 30s",
            "  microsim load --url http://127.0.0.1:8080/home --profile closed --users 10 --think 200ms --think-dist exponential --duration 1m"})
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "Target, on loopback only, e.g. http://127.0.0.1:8080/home")
    String url;

    @Option(names = "--method", defaultValue = "GET", description = "HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--profile", required = true, paramLabel = "KIND",
            description = "constant | poisson | ramp | steps | diurnal | spike | closed")
    CliProfile.Kind profile;

    @Option(names = "--duration", required = true, paramLabel = "DURATION", description = "How long to run, e.g. 30s, 5m.")
    String duration;

    @Option(names = "--max-requests", defaultValue = "1000000", paramLabel = "N", description = "Stop after this many requests (default: ${DEFAULT-VALUE}).")
    long maxRequests;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice: noise, Poisson arrivals, think times (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", description = "Statistics interval (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--rate", paramLabel = "RATE", description = "constant, poisson: arrivals per second (200/s, 30/m, or a bare number per second); spike: the base rate.")
    String rate;

    @Option(names = "--from", paramLabel = "RATE", description = "ramp: start rate.")
    String from;

    @Option(names = "--to", paramLabel = "RATE", description = "ramp: end rate, held after --over.")
    String to;

    @Option(names = "--over", paramLabel = "DURATION", description = "ramp: how long the ramp takes.")
    String over;

    @Option(names = "--stages", paramLabel = "RATE:DURATION,...", description = "steps: e.g. 10/s:5s,50/s:10s (the last rate holds).")
    String stages;

    @Option(names = "--base", paramLabel = "RATE", description = "diurnal: mean rate.")
    String base;

    @Option(names = "--amplitude", paramLabel = "RATE", description = "diurnal: sine amplitude (<= --base).")
    String amplitude;

    @Option(names = "--period", paramLabel = "DURATION", description = "diurnal: length of one \"day\".")
    String period;

    @Option(names = "--noise", paramLabel = "X", description = "diurnal: relative noise per second, 0..1 (default 0).")
    String noise;

    @Option(names = "--peak", paramLabel = "RATE", description = "spike: rate during the burst.")
    String peak;

    @Option(names = "--at", paramLabel = "DURATION", description = "spike: when the burst starts.")
    String at;

    @Option(names = "--length", paramLabel = "DURATION", description = "spike: how long the burst lasts.")
    String length;

    @Option(names = "--users", paramLabel = "N", description = "closed: number of users, each waiting for its answer then thinking.")
    String users;

    @Option(names = "--think", paramLabel = "DURATION", description = "closed: mean think time between a user's requests (default 0).")
    String think;

    @Option(names = "--think-dist", paramLabel = "KIND", description = "closed: constant | uniform (0..2x mean) | exponential (default constant).")
    String thinkDist;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();

        URI target = null;
        try {
            target = LoopbackUrls.requireLoopback("--url", url);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Duration runFor = positive("--duration", duration, problems);
        Duration every = positive("--interval", interval, problems);
        if (maxRequests < 1) problems.add("--max-requests: must be >= 1, got " + maxRequests);
        String verb = method.toUpperCase(Locale.ROOT);
        if (!EndpointId.METHODS.contains(verb)) problems.add("--method: expected one of " + String.join(", ", EndpointId.METHODS) + ", got " + method);

        CliProfile profiles = new CliProfile(profileFlags());
        LoadProfile loadProfile = profiles.build(profile, runFor);
        problems.addAll(profiles.problems());

        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("load: " + p));
            err.flush();
            return 1;
        }

        URI uri = target;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        EndpointRef ref = new EndpointRef(uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), new EndpointId(verb, path));
        LoadSpec loadSpec = new LoadSpec("cli", loadProfile, new Workload.Single(ref), Duration.ZERO, Optional.empty(), Optional.of(maxRequests));
        LoadPlan plan = new LoadPlan(List.of(loadSpec), r -> uri, runFor, seed, every);

        GatlingLoadRunner runner = new GatlingLoadRunner();
        err.printf("load: %s %s, %s for %s (at most %d requests, seed %d) with %s%n", verb, uri, describe(loadProfile),
                Durations.format(runFor), maxRequests, seed, runner.description());
        err.flush();
        Instant[] first = new Instant[1];
        LoadResult result;
        try {
            result = runner.run(plan, stats -> {
                if (first[0] == null) first[0] = stats.intervalStart();
                out.println(line(stats, Duration.between(first[0], stats.intervalStart())));
                out.flush();
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("load: " + e.getMessage());
            return 1;
        }
        out.printf("total: %d requests, %d errors%s%n", result.requests(), result.errors(), result.stoppedEarly() ? " (stopped early)" : "");
        out.flush();
        return 0;
    }

    /** Only the profile flags the user actually gave, so unused ones can be pointed out. */
    private Map<String, String> profileFlags() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "--rate", rate);
        put(m, "--from", from);
        put(m, "--to", to);
        put(m, "--over", over);
        put(m, "--stages", stages);
        put(m, "--base", base);
        put(m, "--amplitude", amplitude);
        put(m, "--period", period);
        put(m, "--noise", noise);
        put(m, "--peak", peak);
        put(m, "--at", at);
        put(m, "--length", length);
        put(m, "--users", users);
        put(m, "--think", think);
        put(m, "--think-dist", thinkDist);
        return m;
    }

    private static void put(Map<String, String> m, String flag, String value) {
        if (value != null) m.put(flag, value);
    }

    private static Duration positive(String flag, String text, List<String> problems) {
        try {
            if (text.trim().startsWith("-")) throw new IllegalArgumentException("must be > 0, got " + text.trim());
            Duration d = Durations.parse(text);
            if (d.isZero()) throw new IllegalArgumentException("must be > 0, got " + text.trim());
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(flag + ": " + e.getMessage());
            return null;
        }
    }

    private static String describe(LoadProfile p) {
        if (p instanceof LoadProfile.Constant c) return "constant " + c.rate();
        if (p instanceof LoadProfile.Poisson c) return "Poisson " + c.rate();
        if (p instanceof LoadProfile.Ramp r) return "ramp " + r.from() + " -> " + r.to() + " over " + Durations.format(r.over());
        if (p instanceof LoadProfile.Steps s) return "steps " + s.stages().size();
        if (p instanceof LoadProfile.Diurnal d) {
            return "diurnal " + d.base() + " +- " + d.amplitude() + " per " + Durations.format(d.period()) + " noise " + d.noise();
        }
        if (p instanceof LoadProfile.Spike s) {
            return "spike " + s.base() + " -> " + s.peak() + " at " + Durations.format(s.at()) + " for " + Durations.format(s.length());
        }
        LoadProfile.Closed c = (LoadProfile.Closed) p;
        return "closed " + c.users() + " users, think " + c.think().description();
    }

    static String line(ClientStats s, Duration offset) {
        StringBuilder statuses = new StringBuilder();
        new java.util.TreeMap<>(s.byStatus()).forEach((code, n) -> statuses.append(statuses.length() == 0 ? "" : " ").append(code == 0 ? "none" : code).append('=').append(n));
        return String.format(Locale.ROOT, "+%-6s requests=%-6d errors=%-5d p50=%s p95=%s p99=%s  %s", Durations.format(offset), s.requests(), s.errors(),
                ms(s.p50Millis()), ms(s.p95Millis()), ms(s.p99Millis()), statuses);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1fms", v);
    }
}
