package dev.microsim.sim;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.units.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the platform under the services adds to a scenario's own costs, as fast mode models it: the
 * time a request spends in the HTTP stack and the engine's hand-offs rather than in its steps. A live
 * mesh pays these for real (loopback HTTP, Vert.x event loops, the compute pool, Vert.x timers);
 * fast mode draws them from distributions (the scenario format's: a constant, a log-normal, ...)
 * measured on the live mesh by {@code PlatformCostBench}, never fitted to the calibration table they
 * are checked against. A scenario's {@code platform:} section overrides them field by field
 * ({@link #overriddenBy}). Draws come from a stream of their own ({@link PlatformDraws}), so they
 * never change a request's decisions.
 *
 * <ul>
 *   <li>{@code hop}: each way of a call, outside both spans (client request write, loopback, the
 *       server's parse, and back): a CLIENT span lasts its SERVER span plus two hops.</li>
 *   <li>{@code computeHandoff}: wall time a compute step spends beyond its CPU (handed from the
 *       replica's event loop to a CPU thread and back).</li>
 *   <li>{@code timerResolution}, {@code timerLag}: how a wait (sleep, io, delays, timeouts, backoffs)
 *       is served. Resolution 0: exactly (plus the lag). Otherwise as Vert.x timers serve it: a wait
 *       under half the resolution runs at once, a longer one is rounded to the resolution and fires
 *       {@code timerLag} late.</li>
 *   <li>{@code serverOverhead}: the server's own time per request (parse, route, admission, span,
 *       answer), inside the server span before its script: what a live endpoint with no steps takes.</li>
 *   <li>{@code computeStretch}: the hand-off also grows by this share of the step's CPU time: live
 *       CPU threads share the host's cores with the platform's own threads, so a step's wall time is
 *       its CPU divided by the share of a core it gets.</li>
 *   <li>{@code wake}, {@code wakeAfter}: a hop costs {@code wake} more when the event loop sending it
 *       had received no message for {@code wakeAfter} (its request ran a compute step or waited on a
 *       timer meanwhile): its host's cores went idle and the message waits for one to wake. Measured
 *       live: the first call after a compute step, and the answer after a sleep or io, take longer
 *       than a call right after another call (docs/fast-mode.md).</li>
 * </ul>
 */
public record PlatformCosts(Distribution hop, Distribution computeHandoff, Duration timerResolution, Distribution timerLag,
                            Distribution serverOverhead, double computeStretch, Distribution wake, Duration wakeAfter) {
    private static final Distribution NONE = new Distribution.Constant(Duration.ZERO);
    /** How long the host must idle before a wake-up pays {@code wake}, unless set: the kernel's default halt-poll window (halt_poll_ns). */
    public static final Duration DEFAULT_WAKE_AFTER = Duration.ofNanos(200_000);
    /** What fast mode did before platform costs were modelled: a 150 µs hop, exact timers, no hand-off, no overhead, no wake-ups. */
    public static final PlatformCosts IDEAL = new PlatformCosts(new Distribution.Constant(Duration.ofNanos(150_000)), NONE, Duration.ZERO, NONE);

    public PlatformCosts {
        if (hop == null) throw new IllegalArgumentException("hop is required");
        if (computeHandoff == null) throw new IllegalArgumentException("computeHandoff is required");
        if (timerLag == null) throw new IllegalArgumentException("timerLag is required");
        if (serverOverhead == null) throw new IllegalArgumentException("serverOverhead is required");
        if (wake == null) throw new IllegalArgumentException("wake is required");
        if (timerResolution == null || timerResolution.isNegative()) {
            throw new IllegalArgumentException("timerResolution must be >= 0, got " + timerResolution);
        }
        if (!(computeStretch >= 0 && computeStretch <= 100)) throw new IllegalArgumentException("computeStretch must be between 0 and 100, got " + computeStretch);
        if (wakeAfter == null || wakeAfter.isNegative()) throw new IllegalArgumentException("wakeAfter must be >= 0, got " + wakeAfter);
    }

    /** The costs modelled before session 7 (hop, hand-off, timers); no server overhead, stretch or wake-ups. */
    public PlatformCosts(Distribution hop, Distribution computeHandoff, Duration timerResolution, Distribution timerLag) {
        this(hop, computeHandoff, timerResolution, timerLag, NONE, 0, NONE, DEFAULT_WAKE_AFTER);
    }

    /** These costs with a server overhead, a compute stretch and wake-ups of an idle host as given (constants). */
    public PlatformCosts withPlacement(Duration overhead, double stretch, Duration wakeCost, Duration after) {
        return new PlatformCosts(hop, computeHandoff, timerResolution, timerLag, new Distribution.Constant(overhead), stretch,
                new Distribution.Constant(wakeCost), after);
    }

    /** Constant costs: {@code hop} each way, {@code handoff} per compute step, waits to {@code resolution} plus {@code lag}. */
    public static PlatformCosts constant(Duration hop, Duration handoff, Duration resolution, Duration lag) {
        return new PlatformCosts(new Distribution.Constant(hop), new Distribution.Constant(handoff), resolution, new Distribution.Constant(lag));
    }

    /** These costs with every field the scenario's {@code platform:} section sets taken from it. */
    public PlatformCosts overriddenBy(Platform p) {
        return new PlatformCosts(p.hop() != null ? p.hop() : hop, p.computeHandoff() != null ? p.computeHandoff() : computeHandoff,
                p.timerResolution() != null ? p.timerResolution() : timerResolution, p.timerLag() != null ? p.timerLag() : timerLag,
                p.serverOverhead() != null ? p.serverOverhead() : serverOverhead, p.computeStretch() != null ? p.computeStretch() : computeStretch,
                p.wake() != null ? p.wake() : wake, p.wakeAfter() != null ? p.wakeAfter() : wakeAfter);
    }

    public PlatformCosts withHop(Duration newHop) {
        return new PlatformCosts(new Distribution.Constant(newHop), computeHandoff, timerResolution, timerLag, serverOverhead, computeStretch, wake,
                wakeAfter);
    }

    /** Whether wake-ups cost anything (else no hop asks the rule and nothing is drawn for it). */
    boolean wakes() {
        return !(wake instanceof Distribution.Constant c && c.value().isZero());
    }

    /** How long a wait of {@code nanos} takes on this platform, with {@code lag} the lag drawn for it. */
    long waitNanos(long nanos, long lag) {
        if (nanos <= 0) return 0;
        long res = timerResolution.toNanos();
        if (res == 0) return nanos + lag;
        if (2 * nanos < res) return 0;
        return Math.max(1, Math.round((double) nanos / res)) * res + lag;
    }

    /**
     * These costs as the dataset manifest's {@code platform} object: each field in the scenario format's
     * syntax (a constant as {@code "150us"}, a distribution as {@code {"lognormal": {"median": "300us",
     * "p99": "2ms"}}}), so the object pastes into a scenario's {@code platform:} section as it is, plus
     * {@code ideal}: whether they are fast mode's default, the ideal platform. The fields added in
     * session 7 (server overhead, stretch, wake-ups) are written only when they differ from their
     * defaults, so the manifests of runs that do not model them stay as they were.
     */
    public Map<String, Object> manifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hop", json(hop));
        m.put("computeHandoff", json(computeHandoff));
        m.put("timerResolution", Durations.format(timerResolution));
        m.put("timerLag", json(timerLag));
        if (!serverOverhead.equals(NONE)) m.put("serverOverhead", json(serverOverhead));
        if (computeStretch != 0) m.put("computeStretch", computeStretch);
        if (wakes()) m.put("wake", json(wake));
        if (!wakeAfter.equals(DEFAULT_WAKE_AFTER)) m.put("wakeAfter", Durations.format(wakeAfter));
        m.put("ideal", equals(IDEAL));
        return m;
    }

    private static Object json(Distribution d) {
        if (d instanceof Distribution.Constant c) return Durations.format(c.value());
        if (d instanceof Distribution.Uniform u) return Map.of("uniform", fields("min", u.min(), "max", u.max()));
        if (d instanceof Distribution.Normal n) return Map.of("normal", fields("mean", n.mean(), "stddev", n.stddev()));
        if (d instanceof Distribution.LogNormal l) return Map.of("lognormal", fields("median", l.median(), "p99", l.p99()));
        if (d instanceof Distribution.Exponential e) return Map.of("exponential", Map.of("mean", Durations.format(e.mean())));
        throw new IllegalArgumentException("unknown distribution " + d);
    }

    private static Map<String, Object> fields(String a, Duration x, String b, Duration y) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(a, Durations.format(x));
        m.put(b, Durations.format(y));
        return m;
    }

    @Override
    public String toString() {
        String s = "hop " + hop.description() + " each way, compute hand-off " + computeHandoff.description()
                + (computeStretch != 0 ? String.format(java.util.Locale.ROOT, " + %.3f x CPU", computeStretch) : "") + ", timers "
                + (timerResolution.isZero() ? "exact" : "to " + Durations.format(timerResolution)) + " + "
                + timerLag.description() + " late";
        if (!serverOverhead.equals(NONE)) s += ", server overhead " + serverOverhead.description();
        if (wakes()) s += ", wake-up " + wake.description() + " after " + Durations.format(wakeAfter) + " idle";
        return s;
    }
}
