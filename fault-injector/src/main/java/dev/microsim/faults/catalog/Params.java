package dev.microsim.faults.catalog;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.Durations;
import dev.microsim.model.units.Rate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, problem-collecting access to a fault's parameters as the scenario wrote them (String,
 * Long, Double, Boolean, List, Map). A getter never throws: it records a {@link Problem} naming the
 * parameter and the value and returns the default, so one check reports every problem at once.
 */
public final class Params {
    private static final Pattern BYTES_PER_SECOND = Pattern.compile("(.+?)\\s*/\\s*s");

    /** Every duration parameter (delays, restart delays, uptimes, backoffs, distribution parameters). */
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    /** A clock-skew offset, either way. */
    public static final Duration MAX_OFFSET = Duration.ofDays(30);
    /** Memory parameters (sizes, initial leaks). */
    public static final ByteSize MAX_SIZE = new ByteSize(1L << 40);
    /** Byte rates (leak growth, bandwidth). */
    public static final long MAX_BYTES_PER_SECOND = 1L << 40;
    /** Event rates (log records per second per replica). */
    public static final double MAX_EVENTS_PER_SECOND = 10_000;

    private final Map<String, Object> values;
    private final List<Problem> problems = new ArrayList<>();

    public Params(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public void problem(String key, String message) {
        problems.add(Problem.at(key, message));
    }

    public void targetProblem(String key, String message) {
        problems.add(new Problem(List.of("target", key), message));
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** A value as the user wrote it, for messages: strings quoted, numbers plain. */
    static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    public void require(String key) {
        if (!has(key)) problem(key, "is required");
    }

    // ---- scalars ----

    /** A duration like {@code 200ms}; {@code 0} alone is allowed. */
    public Duration duration(String key, Duration fallback, Duration min) {
        Object v = values.get(key);
        if (v == null) return fallback;
        Optional<Duration> d = durationValue(key, v);
        if (d.isEmpty()) return fallback;
        if (d.get().compareTo(min) < 0) {
            problem(key, "must be >= " + Durations.format(min) + ", got " + show(v));
            return fallback;
        }
        return d.get();
    }

    private boolean atMost(String key, Object v, Duration d, Duration max) {
        if (d.abs().compareTo(max) <= 0) return true;
        problem(key, "must be at most " + (d.isNegative() ? "-" : "") + Durations.format(max) + (d.isNegative() ? " (earlier)" : "") + ", got " + show(v));
        return false;
    }

    /** A duration that may be negative: {@code -30s}. */
    public Duration signedDuration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        Optional<Duration> d = v instanceof String s && s.trim().startsWith("-")
                ? durationValue(key, v, s.trim().substring(1)).map(Duration::negated)
                : durationValue(key, v, v instanceof String s ? s : null);
        return d.filter(x -> atMost(key, v, x, MAX_OFFSET)).orElse(fallback);
    }

    private Optional<Duration> durationValue(String key, Object v) {
        return durationValue(key, v, v instanceof String s ? s : null).filter(d -> atMost(key, v, d, MAX_DURATION));
    }

    private Optional<Duration> durationValue(String key, Object v, String text) {
        if (v instanceof Number n && n.doubleValue() == 0) return Optional.of(Duration.ZERO);
        if (text == null) {
            problem(key, "expected a duration with a unit like 200ms or 2s, got " + show(v));
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    public double number(String key, double fallback, double min, double max) {
        Object v = values.get(key);
        if (v == null) return fallback;
        double x;
        if (v instanceof Number n) {
            x = n.doubleValue();
        } else if (v instanceof String s && s.trim().endsWith("%")) {
            try {
                x = Double.parseDouble(s.trim().substring(0, s.trim().length() - 1)) / 100;
            } catch (NumberFormatException e) {
                problem(key, "expected a number, got " + show(v));
                return fallback;
            }
        } else {
            problem(key, "expected a number, got " + show(v));
            return fallback;
        }
        if (!(x >= min && x <= max)) {
            problem(key, "must be in [" + plain(min) + ", " + plain(max) + "], got " + show(v));
            return fallback;
        }
        return x;
    }

    /** A fraction in [min, 1]; accepts {@code 0.3} and {@code "30%"}. */
    public double fraction(String key, double fallback, double min) {
        return number(key, fallback, min, 1);
    }

    public int integer(String key, int fallback, int min, int max) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (!(v instanceof Long || v instanceof Integer)) {
            problem(key, "expected a whole number, got " + show(v));
            return fallback;
        }
        long x = ((Number) v).longValue();
        if (x < min || x > max) {
            problem(key, "must be in [" + min + ", " + max + "], got " + show(v));
            return fallback;
        }
        return (int) x;
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (!(v instanceof String s) || s.isBlank()) {
            problem(key, "expected a non-empty string, got " + show(v));
            return fallback;
        }
        return s;
    }

    public String choice(String key, String fallback, Set<String> allowed) {
        String s = string(key, fallback);
        if (s == null || allowed.contains(s.toLowerCase(Locale.ROOT))) return s == null ? null : s.toLowerCase(Locale.ROOT);
        problem(key, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", got " + show(values.get(key)));
        return fallback;
    }

    public ByteSize size(String key, ByteSize fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        try {
            ByteSize size = ByteSize.parse(String.valueOf(v));
            if (size.bytes() <= MAX_SIZE.bytes()) return size;
            problem(key, "must be at most " + MAX_SIZE + ", got " + show(v));
            return fallback;
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return fallback;
        }
    }

    /** A byte rate written {@code 64KiB/s}. */
    public long bytesPerSecond(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        Matcher m = BYTES_PER_SECOND.matcher(String.valueOf(v).trim());
        if (v instanceof String && m.matches()) {
            try {
                long bytes = ByteSize.parse(m.group(1)).bytes();
                if (bytes <= MAX_BYTES_PER_SECOND) return bytes;
                problem(key, "must be at most " + new ByteSize(MAX_BYTES_PER_SECOND) + "/s, got " + show(v));
                return fallback;
            } catch (IllegalArgumentException e) {
                // fall through to the common message
            }
        }
        problem(key, "expected a byte rate like 64KiB/s or 1MiB/s, got " + show(v));
        return fallback;
    }

    /** An event rate written {@code 200/s} or {@code 30/m}. */
    public double rate(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        try {
            double perSecond = v instanceof Number n && n.doubleValue() >= 0 ? n.doubleValue() : Rate.parse(String.valueOf(v)).perSecond();
            if (perSecond <= MAX_EVENTS_PER_SECOND) return perSecond;
            problem(key, "must be at most " + Rate.perSecond(MAX_EVENTS_PER_SECOND) + ", got " + show(v));
            return fallback;
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return fallback;
        }
    }

    /**
     * A distribution of durations: a plain duration (constant) or one of {@code {uniform: {min, max}}},
     * {@code {normal: {mean, stddev}}}, {@code {lognormal: {median, p99}}}, {@code {exponential: {mean}}}.
     */
    public Distribution distribution(String key, Distribution fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (!(v instanceof Map<?, ?> m)) {
            return durationValue(key, v).<Distribution>map(Distribution.Constant::new).orElse(fallback);
        }
        if (m.size() != 1 || !(m.values().iterator().next() instanceof Map<?, ?> body)) {
            problem(key, "expected a duration like 200ms or one of {uniform: {min, max}}, {normal: {mean, stddev}}, "
                    + "{lognormal: {median, p99}}, {exponential: {mean}}, got " + v);
            return fallback;
        }
        String family = String.valueOf(m.keySet().iterator().next());
        @SuppressWarnings("unchecked")
        Params inner = new Params((Map<String, Object>) body);
        try {
            Distribution d = switch (family) {
                case "uniform" -> new Distribution.Uniform(inner.requiredDuration("min"), inner.requiredDuration("max"));
                case "normal" -> new Distribution.Normal(inner.requiredDuration("mean"), inner.requiredDuration("stddev"));
                case "lognormal" -> new Distribution.LogNormal(inner.requiredDuration("median"), inner.requiredDuration("p99"));
                case "exponential" -> new Distribution.Exponential(inner.requiredDuration("mean"));
                default -> {
                    problem(key, "unknown distribution \"" + family + "\"; allowed: exponential, lognormal, normal, uniform");
                    yield null;
                }
            };
            for (Problem p : inner.problems) {
                List<String> keys = new ArrayList<>(List.of(key, family));
                keys.addAll(p.keys());
                problems.add(new Problem(keys, p.message()));
            }
            return d == null || !inner.ok() ? fallback : d;
        } catch (IllegalArgumentException e) {
            for (Problem p : inner.problems) {
                List<String> keys = new ArrayList<>(List.of(key, family));
                keys.addAll(p.keys());
                problems.add(new Problem(keys, p.message()));
            }
            if (inner.ok()) problems.add(new Problem(List.of(key, family), e.getMessage()));
            return fallback;
        }
    }

    private Duration requiredDuration(String key) {
        if (!has(key)) {
            problem(key, "is required");
            throw new IllegalArgumentException(key + " is required");
        }
        Optional<Duration> d = durationValue(key, values.get(key));
        if (d.isEmpty()) throw new IllegalArgumentException("bad " + key);
        return d.get();
    }

    // ---- target shape ----

    /** Reports the parts of {@code target} that {@code kind} cannot honour. */
    public void targetAllows(FaultTarget target, String kind, boolean endpoint, boolean replicas, boolean caller, boolean share) {
        if (!endpoint && target.endpoint().isPresent()) {
            targetProblem("endpoint", kind + " acts on whole replicas and cannot be narrowed to an endpoint, got \"" + target.endpoint().get() + "\"");
        }
        if (!replicas && target.replicas().isPresent()) {
            targetProblem("replicas", kind + " cannot be narrowed to replicas, got " + target.replicas().get());
        }
        if (!caller && target.caller().isPresent()) {
            targetProblem("caller", kind + " acts inside the service, not on an edge; remove caller (got \"" + target.caller().get() + "\")");
        }
        if (!share && target.share() < 1) {
            targetProblem("share", kind + " does not act per request, so share must be 1, got " + plain(target.share()));
        }
    }

    static String plain(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
    }
}
