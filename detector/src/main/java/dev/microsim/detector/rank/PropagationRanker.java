package dev.microsim.detector.rank;

import dev.microsim.detector.rank.SignalIndex.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MicroSim's root-cause ranker. For each service it gathers <em>local</em> evidence, what moves
 * when the service itself is at fault rather than something it depends on, in families:
 *
 * <ul>
 *   <li>{@code latency}: its self time (span time outside its own calls), less the share its slower
 *       callees explain (a service queueing behind a slow callee has a long self time too);</li>
 *   <li>{@code errors}: errors that start there (failed spans none of whose calls failed on the
 *       callee's side; calls it made that were answered 4xx), less the same share when it is
 *       saturated (then they may be rejections of a queue that slow callees filled);</li>
 *   <li>{@code resources}: CPU, memory, replicas down, restarts;</li>
 *   <li>{@code saturation}: rejections and queue length, less the same share;</li>
 *   <li>{@code unreachable}: calls into it that nothing answered, or that failed without it seeing
 *       an error (crash, partition, dropped packets);</li>
 *   <li>{@code fan-out}: more calls per request to a callee that is itself fine (a cache that stopped
 *       hitting, a retry loop of its own);</li>
 *   <li>{@code logs}: log templates surging, counted as local only when nothing else about the service
 *       is abnormal (a log storm), as a small bonus otherwise (errors logs follow failed calls).</li>
 * </ul>
 *
 * Each family's strength is the robust z of its best signal ({@link ChangeScore}), capped so that a
 * huge z in one family does not drown the others. Then propagation over the call graph: a service
 * whose evidence is matched or exceeded by one of its callees, and whose calls to that callee went
 * wrong in the incident, is a victim of it and is discounted. The candidate's explanation lists
 * the families and signals behind its score. Without traces, latency and errors come from the
 * metrics (no self time, no call graph; latency weighted by its relative rise, which is largest
 * where a delay starts) and the ranking says so.
 */
public final class PropagationRanker implements RootCauseRanker {

    /** The ranker's settings; defaults were tuned on the seed-1 evaluation runs only (docs/rca.md). */
    public record Settings(double cap, double victimDiscount, double logBonus, double secondFamilyWeight) {

        public Settings {
            if (!(cap > ChangeScore.ONSET_Z) || !(victimDiscount >= 0 && victimDiscount <= 1) || !(logBonus >= 0)
                    || !(secondFamilyWeight >= 0 && secondFamilyWeight <= 1)) {
                throw new IllegalArgumentException("cap must be > " + ChangeScore.ONSET_Z + ", victimDiscount in [0, 1], logBonus >= 0,"
                        + " secondFamilyWeight in [0, 1]; were " + cap + ", " + victimDiscount + ", " + logBonus + ", " + secondFamilyWeight);
            }
        }

        public static Settings defaults() {
            return new Settings(30, 0.5, 0.2, 0.1);
        }
    }

    enum Family { LATENCY, ERRORS, RESOURCES, SATURATION, UNREACHABLE, FAN_OUT, LOGS }

    private static final double SIGNIFICANT = ChangeScore.ONSET_Z;
    private final Settings settings;

    public PropagationRanker(Settings settings) {
        this.settings = settings;
    }

    public PropagationRanker() {
        this(Settings.defaults());
    }

    @Override
    public String name() {
        return "microsim";
    }

    @Override
    public String description() {
        return "MicroSim RCA: local evidence per service (self time, originated errors, resources, saturation, unreachable calls,"
                + " fan-out, logs), callee-explained shares removed, victims of anomalous callees discounted (cap "
                + settings.cap() + ", victim discount " + settings.victimDiscount() + ")";
    }

    @Override
    public Ranking rank(Observations observations, IncidentWindow window) {
        SignalIndex index = new SignalIndex(observations, window);
        boolean traces = observations.hasTraces();
        List<String> services = observations.services();
        List<Blame> blames = new ArrayList<>();
        for (String service : services) {
            blames.add(blame(service, index, traces));
        }
        if (!traces) {
            relativeLatencyShare(blames);
        }
        Map<String, Blame> byService = new java.util.HashMap<>();
        blames.forEach(b -> byService.put(b.service, b));
        for (Blame b : blames) {
            b.finalScore = b.score();
            for (Blame callee : calleesOf(b.service, index, byService)) {
                Scored wrong = worstCall(index, b.service, callee.service);
                boolean causesIt = b.families.getOrDefault(Family.FAN_OUT, 0.0) >= SIGNIFICANT;
                if (!causesIt && wrong.z() >= SIGNIFICANT && callee.score() >= b.score()) {
                    b.finalScore = b.score() * (1 - settings.victimDiscount());
                    b.evidence.add(new Evidence(wrong.signal().name(), wrong.z(), onset(observations, window, wrong),
                            "probably a victim of " + callee.service + " (at least as anomalous, and calls to it went wrong)"));
                    break;
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Blame b : blames) {
            List<Evidence> why = new ArrayList<>(b.evidence);
            candidates.add(new Candidate(b.service, b.finalScore, why));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::service));
        List<String> notes = new ArrayList<>(observations.notes());
        return new Ranking(name(), candidates, notes);
    }

    private static List<Blame> calleesOf(String service, SignalIndex index, Map<String, Blame> blames) {
        List<Blame> callees = new ArrayList<>();
        for (Scored s : index.outOf(service, "call_count")) {
            Blame b = blames.get(s.signal().peer());
            if (b != null) {
                callees.add(b);
            }
        }
        callees.sort(Comparator.comparingDouble(Blame::score).reversed());
        return callees;
    }

    private static Scored worstCall(SignalIndex index, String caller, String callee) {
        Scored worst = index.call(caller, callee, "call_latency_ms");
        for (String metric : List.of("call_error_ratio", "call_unanswered_ratio")) {
            Scored s = index.call(caller, callee, metric);
            if (s.z() > worst.z()) {
                worst = s;
            }
        }
        return worst;
    }

    private Blame blame(String service, SignalIndex index, boolean traces) {
        Blame b = new Blame(service, settings, index.grid(), index.window());
        double explained = traces ? explainedByCallees(service, index) : 0;
        String discount = explained > 0.05 ? String.format(Locale.ROOT, ", %.0f %% of it explained by slower callees", 100 * explained) : "";
        if (traces) {
            b.add(Family.LATENCY, index.best(service, "trace_self_ms"), 1 - explained, "its own processing got slower" + discount);
            // its own errors are discounted only when they may be rejections of a queue that slow callees filled
            boolean saturated = index.best(service, List.of("rejections", "queue_length")).z() >= SIGNIFICANT;
            b.add(Family.ERRORS, index.best(service, "trace_origin_error_ratio"), saturated ? 1 - explained : 1,
                    "errors start there" + (saturated ? discount : ""));
            for (Scored s : index.outOf(service, "call_client_error_ratio")) {
                b.add(Family.ERRORS, s, 1, "its calls are rejected as bad requests (4xx)");
            }
        } else {
            Scored latency = index.best(service, List.of("latency_p50_ms", "latency_mean_ms", "latency_p95_ms", "latency_p99_ms"));
            b.latencyRise = SignalIndex.present(latency) && latency.change().baselineMedian() > 0
                    ? latency.delta() / latency.change().baselineMedian() : 0;
            b.add(Family.LATENCY, latency, 1, "its latency rose (no traces: cannot separate own time from callees')");
            b.add(Family.ERRORS, index.best(service, "error_ratio"), 1, "its error ratio rose (no traces)");
        }
        b.add(Family.RESOURCES, index.best(service, "cpu_ms"), 1, "its CPU use rose");
        b.add(Family.RESOURCES, index.best(service, "memory_bytes"), 1, "its memory grew");
        b.add(Family.RESOURCES, index.best(service, "replicas_up"), 1, "replicas went down");
        b.add(Family.RESOURCES, index.best(service, "restarts"), 1, "replicas restarted");
        b.add(Family.SATURATION, index.best(service, List.of("rejections", "queue_length")), 1 - explained, "it is saturated" + discount);
        double ownErrors = index.best(service, traces ? "trace_error_ratio" : "error_ratio").z();
        for (Scored s : index.into(service, "call_unanswered_ratio")) {
            b.add(Family.UNREACHABLE, s, 1, "calls into it got no answer");
        }
        for (Scored s : index.into(service, "call_error_ratio")) {
            double unseen = s.z() <= 0 ? 0 : Math.max(0, 1 - Math.max(0, ownErrors) / s.z());
            b.add(Family.UNREACHABLE, s, unseen, "calls into it failed without it seeing errors");
        }
        for (Scored s : index.outOf(service, "call_fanout")) {
            Scored calleeFailing = index.call(service, s.signal().peer(), "call_error_ratio");
            if (calleeFailing.z() < SIGNIFICANT) {
                b.add(Family.FAN_OUT, s, 1, "it makes more calls per request to " + s.signal().peer());
            }
        }
        Scored logs = index.best(service, List.of("log_ERROR", "log_WARN", "log_INFO"));
        Scored errors = index.best(service, traces ? "trace_errors" : "errors");
        double explainedLogs = logs.delta() > 0 && errors.delta() > 0 ? Math.min(1, errors.delta() / logs.delta()) : 0;
        double logWeight = Math.max(settings.logBonus(), 1 - explainedLogs);
        b.add(Family.LOGS, logs, logWeight, explainedLogs < 0.5 ? "it logs far more than its failed requests explain" : "its logs changed");
        return b;
    }

    /**
     * Without traces there is no self time and no call graph, but a delay still adds the same
     * milliseconds to every caller up the chain, on top of their own larger latency: the relative
     * rise is largest where the delay is. Latency evidence is weighted by each service's relative
     * rise against the largest one (half weight at worst).
     */
    private static void relativeLatencyShare(List<Blame> blames) {
        double largest = blames.stream().mapToDouble(b -> b.latencyRise).max().orElse(0);
        if (!(largest > 0)) {
            return;
        }
        for (Blame b : blames) {
            b.families.computeIfPresent(Family.LATENCY, (f, strength) -> strength * (0.5 + 0.5 * Math.max(0, b.latencyRise) / largest));
        }
    }

    /**
     * The share of a service's latency rise that its calls' latency rise explains: when it waits
     * longer on a callee, its spans (and its queue) grow by as much without it being at fault.
     */
    static double explainedByCallees(String service, SignalIndex index) {
        Scored own = index.best(service, "trace_latency_ms");
        if (!SignalIndex.present(own) || !(own.delta() > 0)) {
            return 0;
        }
        double calls = 0;
        for (Scored s : index.outOf(service, "call_latency_ms")) {
            if (s.z() >= SIGNIFICANT && s.delta() > calls) {
                calls = s.delta();
            }
        }
        return Math.max(0, Math.min(1, calls / own.delta()));
    }

    private static java.time.Instant onset(Observations observations, IncidentWindow window, Scored s) {
        return observations.grid().instant(Math.max(window.onset(), s.change().onsetBin()));
    }

    /** The evidence gathered for one service. */
    private static final class Blame {
        final String service;
        final Settings settings;
        final Map<Family, Double> families = new EnumMap<>(Family.class);
        final List<Evidence> evidence = new ArrayList<>();
        final TimeGrid grid;
        final IncidentWindow window;
        double finalScore;
        /** Without traces: the latency rise relative to its normal level. */
        double latencyRise;

        Blame(String service, Settings settings, TimeGrid grid, IncidentWindow window) {
            this.service = service;
            this.settings = settings;
            this.grid = grid;
            this.window = window;
        }

        void add(Family family, Scored s, double weight, String why) {
            if (!SignalIndex.present(s) || !(s.z() > 0) || !(weight > 0)) {
                return;
            }
            double strength = Math.min(settings.cap(), s.z()) * Math.min(1, weight);
            if (strength > families.getOrDefault(family, 0.0)) {
                families.put(family, strength);
            }
            if (strength >= SIGNIFICANT) {
                evidence.removeIf(e -> e.why().startsWith(family.name().toLowerCase(Locale.ROOT) + ":") && e.score() < strength);
                if (evidence.stream().noneMatch(e -> e.why().startsWith(family.name().toLowerCase(Locale.ROOT) + ":"))) {
                    evidence.add(new Evidence(s.signal().name(), strength, grid.instant(Math.max(window.onset(), s.change().onsetBin())),
                            family.name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + why));
                }
            }
        }

        double best() {
            return families.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        /** The strongest family, plus a little for a second independent one. */
        double score() {
            double[] top = families.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (top.length == 0) {
                return 0;
            }
            double second = top.length > 1 ? top[top.length - 2] : 0;
            return top[top.length - 1] + settings.secondFamilyWeight() * second;
        }
    }
}
