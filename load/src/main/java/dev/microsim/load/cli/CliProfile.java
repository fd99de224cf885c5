package dev.microsim.load.cli;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.units.Durations;
import dev.microsim.model.units.Rate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@code microsim load}'s profile flags into a {@link LoadProfile}, collecting one message per
 * problem, each naming the flag and its value ({@code --rate: must be >= 0, got -5/s}).
 */
final class CliProfile {
    enum Kind { constant, poisson, ramp, steps, diurnal, spike, closed }

    enum ThinkDistribution { constant, uniform, exponential }

    /** Which flags each profile reads; any other profile flag given is reported as unused. */
    private static final Map<Kind, List<String>> FLAGS = Map.of(
            Kind.constant, List.of("--rate"),
            Kind.poisson, List.of("--rate"),
            Kind.ramp, List.of("--from", "--to", "--over"),
            Kind.steps, List.of("--stages"),
            Kind.diurnal, List.of("--base", "--amplitude", "--period", "--noise"),
            Kind.spike, List.of("--rate", "--peak", "--at", "--length"),
            Kind.closed, List.of("--users", "--think", "--think-dist"));

    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> given;

    /** @param given every profile flag the user set, by name, as typed */
    CliProfile(Map<String, String> given) {
        this.given = new LinkedHashMap<>(given);
    }

    List<String> problems() {
        return problems;
    }

    /** The profile, or null when there were problems (see {@link #problems()}). */
    LoadProfile build(Kind kind, Duration runFor) {
        for (String flag : given.keySet()) {
            if (!FLAGS.get(kind).contains(flag)) {
                problems.add(flag + ": not used by --profile " + kind + " (it reads " + String.join(", ", FLAGS.get(kind)) + ")");
            }
        }
        LoadProfile profile = switchOn(kind, runFor);
        return problems.isEmpty() ? profile : null;
    }

    private LoadProfile switchOn(Kind kind, Duration runFor) {
        switch (kind) {
            case constant: {
                Rate rate = rate("--rate", true);
                return rate == null ? null : new LoadProfile.Constant(rate);
            }
            case poisson: {
                Rate rate = rate("--rate", true);
                return rate == null ? null : new LoadProfile.Poisson(rate);
            }
            case ramp: {
                Rate from = rate("--from", true);
                Rate to = rate("--to", true);
                Duration over = positiveDuration("--over", true);
                if (over != null && runFor != null && over.compareTo(runFor) > 0) {
                    problems.add("--over: the ramp lasts " + fmt(over) + " but --duration is " + fmt(runFor) + ", so it would end before reaching --to");
                }
                return from == null || to == null || over == null ? null : new LoadProfile.Ramp(from, to, over);
            }
            case steps:
                return steps(runFor);
            case diurnal: {
                Rate base = rate("--base", true);
                Rate amplitude = rate("--amplitude", true);
                Duration period = positiveDuration("--period", true);
                Double noise = number("--noise", 0.0);
                if (noise != null && !(noise >= 0 && noise <= 1)) problems.add("--noise: must be between 0 and 1 (a relative standard deviation), got " + given.get("--noise"));
                if (base != null && amplitude != null && amplitude.perSecond() > base.perSecond()) {
                    problems.add("--amplitude: must be <= --base (" + base + ") so the rate never goes negative, got " + amplitude);
                }
                return problems.isEmpty() && base != null && amplitude != null && period != null ? new LoadProfile.Diurnal(base, amplitude, period, noise) : null;
            }
            case spike: {
                Rate base = rate("--rate", true);
                Rate peak = rate("--peak", true);
                Duration at = duration("--at", true);
                Duration length = positiveDuration("--length", true);
                if (at != null && runFor != null && at.compareTo(runFor) >= 0) {
                    problems.add("--at: the spike starts at " + fmt(at) + ", at or after the run ends (--duration " + fmt(runFor) + ")");
                }
                return base == null || peak == null || at == null || length == null ? null : new LoadProfile.Spike(base, peak, at, length);
            }
            case closed: {
                Integer users = integer("--users");
                Duration think = duration("--think", false);
                ThinkDistribution dist = thinkDistribution();
                if (users == null || dist == null || (given.containsKey("--think") && think == null)) return null;
                Duration mean = think == null ? Duration.ZERO : think;
                Distribution d = switch (dist) {
                    case constant -> new Distribution.Constant(mean);
                    case uniform -> new Distribution.Uniform(Duration.ZERO, mean.multipliedBy(2));
                    case exponential -> new Distribution.Exponential(mean);
                };
                return new LoadProfile.Closed(users, d);
            }
            default:
                throw new IllegalStateException("unhandled profile " + kind);
        }
    }

    private LoadProfile steps(Duration runFor) {
        String text = given.get("--stages");
        if (text == null) {
            problems.add("--stages: required by --profile steps, e.g. --stages 10/s:5s,50/s:10s");
            return null;
        }
        List<LoadProfile.Steps.Stage> stages = new ArrayList<>();
        int before = problems.size();
        for (String part : text.split(",")) {
            String[] rd = part.trim().split(":");
            if (rd.length != 2) {
                problems.add("--stages: expected RATE:DURATION items like 10/s:5s, got \"" + part.trim() + "\"");
                continue;
            }
            Rate rate = parse("--stages", rd[0], CliProfile::parseRate);
            Duration d = parse("--stages", rd[1], Durations::parse);
            if (d != null && (d.isZero() || d.isNegative())) problems.add("--stages: a stage's duration must be > 0, got " + rd[1].trim());
            if (rate != null && d != null && d.compareTo(Duration.ZERO) > 0) stages.add(new LoadProfile.Steps.Stage(rate, d));
        }
        if (problems.size() > before) return null;
        Duration lastStart = stages.stream().limit(stages.size() - 1).map(LoadProfile.Steps.Stage::duration).reduce(Duration.ZERO, Duration::plus);
        if (runFor != null && lastStart.compareTo(runFor) >= 0) {
            problems.add("--stages: the last stage starts at " + fmt(lastStart) + ", at or after the run ends (--duration " + fmt(runFor) + ")");
        }
        return new LoadProfile.Steps(stages);
    }

    private Rate rate(String flag, boolean required) {
        String text = given.get(flag);
        if (text == null) {
            if (required) problems.add(flag + ": required by this profile, e.g. " + flag + " 100/s");
            return null;
        }
        return parse(flag, text, CliProfile::parseRate);
    }

    /** {@code 200/s}, {@code 30/m}, or a bare number meaning per second. Negative rates are named as such. */
    static Rate parseRate(String text) {
        String t = text.trim();
        if (t.startsWith("-")) throw new IllegalArgumentException("must be >= 0, got " + t);
        if (t.matches("\\d+(\\.\\d+)?")) return Rate.perSecond(Double.parseDouble(t));
        return Rate.parse(t);
    }

    private Duration duration(String flag, boolean required) {
        String text = given.get(flag);
        if (text == null) {
            if (required) problems.add(flag + ": required by this profile, e.g. " + flag + " 5s");
            return null;
        }
        if (text.trim().startsWith("-")) {
            problems.add(flag + ": must be >= 0, got " + text.trim());
            return null;
        }
        return parse(flag, text, Durations::parse);
    }

    private Duration positiveDuration(String flag, boolean required) {
        Duration d = duration(flag, required);
        if (d != null && d.isZero()) {
            problems.add(flag + ": must be > 0, got " + given.get(flag).trim());
            return null;
        }
        return d;
    }

    private Double number(String flag, double fallback) {
        String text = given.get(flag);
        if (text == null) return fallback;
        return parse(flag, text, Double::parseDouble);
    }

    private Integer integer(String flag) {
        String text = given.get(flag);
        if (text == null) {
            problems.add(flag + ": required by this profile, e.g. " + flag + " 10");
            return null;
        }
        Integer n = parse(flag, text, Integer::parseInt);
        if (n != null && n < 1) {
            problems.add(flag + ": must be >= 1, got " + n);
            return null;
        }
        return n;
    }

    private ThinkDistribution thinkDistribution() {
        String text = given.getOrDefault("--think-dist", "constant");
        try {
            return ThinkDistribution.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            problems.add("--think-dist: expected constant, uniform or exponential, got " + text);
            return null;
        }
    }

    private <T> T parse(String flag, String text, Function<String, T> parser) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) { // NumberFormatException included
            String reason = e instanceof NumberFormatException ? "not a number: \"" + text.trim() + "\"" : e.getMessage();
            problems.add(flag + ": " + reason);
            return null;
        }
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }
}
