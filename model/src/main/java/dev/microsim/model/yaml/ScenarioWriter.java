package dev.microsim.model.yaml;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.Durations;
import dev.microsim.model.units.Rate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Scenario} as scenario YAML (format version 1, docs/scenario-format.md) such that
 * {@code ScenarioParser.parse(write(s))} gives back an equal scenario. Defaults are left out and
 * short forms are used where they exist ({@code call: svc GET /p}, {@code compute: 2ms}), so the
 * output reads like a hand-written file.
 *
 * <p>Hand-written on purpose rather than a Jackson tree dump: the format's short forms, key
 * order and unit strings ({@code 250ms}, {@code 4KiB}, {@code 100/s}) are part of what makes a
 * generated file readable, and a generic serializer cannot choose them.
 */
public final class ScenarioWriter {
    /** Strings that YAML would read as something other than this text when written plain. */
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z/][A-Za-z0-9_./ -]*");
    /** Values with units (250ms, 1h30m, 4KiB, 100/s) are strings to YAML, never numbers: no quotes needed. */
    private static final Pattern UNIT = Pattern.compile(
            "(\\d+(\\.\\d+)?(ns|us|ms|s|m|h|d))+|\\d+(\\.\\d+)?([KMGT]i?B?|[kKMGT]B|B)|\\d+(\\.\\d+)?/(s|m|h|sec|min)");

    private final StringBuilder out = new StringBuilder();

    private ScenarioWriter() {}

    /** The scenario as YAML text. */
    public static String write(Scenario scenario) {
        ScenarioWriter w = new ScenarioWriter();
        w.scenario(scenario);
        return w.out.toString();
    }

    private void scenario(Scenario s) {
        line(0, "version: " + s.version());
        line(0, "name: " + text(s.name()));
        if (!s.description().isEmpty()) line(0, "description: " + text(s.description()));
        line(0, "seed: " + s.seed());
        line(0, "duration: " + duration(s.duration()));
        line(0, "interval: " + duration(s.interval()));
        out.append('\n');
        line(0, "services:");
        boolean first = true;
        for (Service service : s.services().values()) {
            if (!first) out.append('\n');
            first = false;
            service(service);
        }
        if (!s.load().isEmpty()) {
            out.append('\n');
            line(0, "load:");
            s.load().forEach(this::load);
        }
        if (!s.faults().isEmpty()) {
            out.append('\n');
            line(0, "faults:");
            s.faults().forEach(this::fault);
        }
        if (!s.platform().isDefault()) {
            out.append('\n');
            line(0, "platform:");
            Platform p = s.platform();
            if (p.hop() != null) line(1, "hop: " + distribution(p.hop()));
            if (p.computeHandoff() != null) line(1, "computeHandoff: " + distribution(p.computeHandoff()));
            if (p.timerResolution() != null) line(1, "timerResolution: " + duration(p.timerResolution()));
            if (p.timerLag() != null) line(1, "timerLag: " + distribution(p.timerLag()));
            if (p.serverOverhead() != null) line(1, "serverOverhead: " + distribution(p.serverOverhead()));
            if (p.computeStretch() != null) line(1, "computeStretch: " + number(p.computeStretch()));
            if (p.wake() != null) line(1, "wake: " + distribution(p.wake()));
            if (p.wakeAfter() != null) line(1, "wakeAfter: " + duration(p.wakeAfter()));
        }
    }

    private void service(Service s) {
        line(1, text(s.name()) + ":");
        if (s.replicas() != 1) line(2, "replicas: " + s.replicas());
        Resources r = s.resources();
        if (!r.equals(Resources.DEFAULT)) {
            line(2, "resources: {cpu: " + r.cpu() + ", memory: " + size(r.memory())
                    + ", concurrency: " + r.concurrency() + ", queue: " + r.queue() + "}");
        }
        line(2, "endpoints:");
        for (Endpoint e : s.endpoints().values()) endpoint(e);
    }

    private void endpoint(Endpoint e) {
        List<String> fields = new ArrayList<>();
        if (e.errorProbability() != 0) fields.add("errorRate: " + number(e.errorProbability()));
        if (e.responseSize().bytes() != 0) fields.add("response: {size: " + size(e.responseSize()) + "}");
        if (e.memoryPerRequest().bytes() != 0) fields.add("memoryPerRequest: " + size(e.memoryPerRequest()));
        String key = text(e.id().toString()) + ":";
        if (e.steps().isEmpty() && fields.isEmpty()) {
            line(3, key + " {}");
            return;
        }
        line(3, key);
        if (!e.steps().isEmpty()) {
            line(4, "steps:");
            for (Step step : e.steps()) step(5, step);
        }
        for (String f : fields) line(4, f);
    }

    /** One list item at {@code level}; a parallel step's children go two levels deeper. */
    private void step(int level, Step step) {
        if (step instanceof Step.Compute c) line(level, "- compute: " + distribution(c.time()));
        else if (step instanceof Step.Sleep s) line(level, "- sleep: " + distribution(s.time()));
        else if (step instanceof Step.Io io) line(level, "- io: " + distribution(io.time()));
        else if (step instanceof Step.Call c) line(level, "- call: " + call(c));
        else if (step instanceof Step.Parallel p) {
            line(level, "- parallel:");
            for (Step child : p.steps()) step(level + 2, child);
        } else throw new IllegalArgumentException("unknown step " + step);
    }

    private static String call(Step.Call c) {
        String to = text(c.to().toString());
        if (c.equals(Step.Call.to(c.to()))) return to;
        List<String> fields = new ArrayList<>();
        fields.add("to: " + to);
        if (c.probability() != 1) fields.add("probability: " + number(c.probability()));
        if (!c.timeout().equals(Step.Call.DEFAULT_TIMEOUT)) fields.add("timeout: " + duration(c.timeout()));
        if (c.retries() != 0) fields.add("retries: " + c.retries());
        if (c.requestSize().bytes() != 0) fields.add("requestSize: " + size(c.requestSize()));
        return "{" + String.join(", ", fields) + "}";
    }

    private void load(LoadSpec spec) {
        List<String> fields = new ArrayList<>();
        fields.add("name: " + text(spec.name()));
        fields.addAll(profile(spec.profile()));
        if (!spec.start().isZero()) fields.add("start: " + duration(spec.start()));
        spec.duration().ifPresent(d -> fields.add("duration: " + duration(d)));
        spec.maxRequests().ifPresent(n -> fields.add("maxRequests: " + n));
        item(1, fields);
        if (spec.workload() instanceof Workload.Single single) {
            line(2, "target: " + text(single.target().toString()));
        } else if (spec.workload() instanceof Workload.Journeys journeys) {
            line(2, "journeys:");
            for (Workload.Journey j : journeys.journeys()) journey(j);
        }
    }

    private static List<String> profile(LoadProfile p) {
        if (p instanceof LoadProfile.Constant c) return List.of("profile: constant", "rate: " + rate(c.rate()));
        if (p instanceof LoadProfile.Poisson c) return List.of("profile: poisson", "rate: " + rate(c.rate()));
        if (p instanceof LoadProfile.Ramp r) {
            return List.of("profile: ramp", "from: " + rate(r.from()), "to: " + rate(r.to()), "over: " + duration(r.over()));
        }
        if (p instanceof LoadProfile.Steps s) {
            return List.of("profile: steps", "stages: [" + String.join(", ", s.stages().stream()
                    .map(st -> "{rate: " + rate(st.rate()) + ", duration: " + duration(st.duration()) + "}").toList()) + "]");
        }
        if (p instanceof LoadProfile.Diurnal d) {
            return List.of("profile: diurnal", "base: " + rate(d.base()), "amplitude: " + rate(d.amplitude()),
                    "period: " + duration(d.period()), "noise: " + number(d.noise()));
        }
        if (p instanceof LoadProfile.Spike s) {
            return List.of("profile: spike", "base: " + rate(s.base()), "peak: " + rate(s.peak()),
                    "at: " + duration(s.at()), "length: " + duration(s.length()));
        }
        if (p instanceof LoadProfile.Closed c) return List.of("profile: closed", "users: " + c.users(), "think: " + distribution(c.think()));
        throw new IllegalArgumentException("unknown load profile " + p);
    }

    private void journey(Workload.Journey j) {
        List<String> requests = new ArrayList<>();
        for (Workload.Visit v : j.visits()) {
            String target = text(v.target().toString());
            boolean noThink = v.think() == null || v.think().equals(new Distribution.Constant(Duration.ZERO));
            requests.add(noThink ? target : "{target: " + target + ", think: " + distribution(v.think()) + "}");
        }
        List<String> fields = new ArrayList<>();
        if (j.name() != null) fields.add("name: " + text(j.name()));
        fields.add("weight: " + number(j.weight()));
        fields.add("requests: [" + String.join(", ", requests) + "]");
        line(3, "- {" + String.join(", ", fields) + "}");
    }

    private void fault(FaultSpec f) {
        List<String> fields = new ArrayList<>();
        fields.add("id: " + text(f.id()));
        fields.add("kind: " + text(f.kind()));
        fields.add("target: " + target(f.target()));
        fields.add("at: " + duration(f.at()));
        fields.add("duration: " + duration(f.duration()));
        if (!f.ramp().isZero()) fields.add("ramp: " + duration(f.ramp()));
        f.parameters().forEach((k, v) -> fields.add(text(k) + ": " + value(v)));
        item(1, fields);
    }

    private static String target(FaultTarget t) {
        if (t.equals(FaultTarget.service(t.service()))) return text(t.service());
        List<String> fields = new ArrayList<>();
        fields.add("service: " + text(t.service()));
        t.endpoint().ifPresent(e -> fields.add("endpoint: " + text(e.toString())));
        t.replicas().ifPresent(r -> fields.add("replicas: " + r));
        t.caller().ifPresent(c -> fields.add("caller: " + text(c)));
        if (t.share() != 1) fields.add("share: " + number(t.share()));
        return "{" + String.join(", ", fields) + "}";
    }

    /** A fault parameter as the parser hands it over: String, Long, Double, Boolean, List, Map or null. */
    private static String value(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return text(s);
        if (v instanceof Double d) return number(d);
        if (v instanceof Float f) return number(f);
        if (v instanceof Number || v instanceof Boolean) return v.toString();
        if (v instanceof List<?> list) return "[" + String.join(", ", list.stream().map(ScenarioWriter::value).toList()) + "]";
        if (v instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, x) -> entries.add(text(String.valueOf(k)) + ": " + value(x)));
            return "{" + String.join(", ", entries) + "}";
        }
        return text(v.toString());
    }

    private static String distribution(Distribution d) {
        if (d instanceof Distribution.Constant c) return duration(c.value());
        if (d instanceof Distribution.Uniform u) return "{uniform: {min: " + duration(u.min()) + ", max: " + duration(u.max()) + "}}";
        if (d instanceof Distribution.Normal n) return "{normal: {mean: " + duration(n.mean()) + ", stddev: " + duration(n.stddev()) + "}}";
        if (d instanceof Distribution.LogNormal l) return "{lognormal: {median: " + duration(l.median()) + ", p99: " + duration(l.p99()) + "}}";
        if (d instanceof Distribution.Exponential e) return "{exponential: " + duration(e.mean()) + "}";
        throw new IllegalArgumentException("unknown distribution " + d);
    }

    private static String duration(Duration d) {
        return Durations.format(d);
    }

    private static String size(ByteSize s) {
        return s.toString();
    }

    /** {@code 100/s}; never scientific notation, which the rate syntax does not read. */
    private static String rate(Rate r) {
        return plainDecimal(r.perSecond()) + "/s";
    }

    /** A number YAML reads back as the same double: plain digits, always with a decimal point. */
    private static String number(double d) {
        String s = plainDecimal(d);
        return s.contains(".") ? s : s + ".0";
    }

    private static String plainDecimal(double d) {
        String s = new BigDecimal(Double.toString(d)).toPlainString();
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Plain when YAML reads it back as this same string, else double-quoted with escapes. */
    static String text(String s) {
        if (UNIT.matcher(s).matches()) return s;
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !s.contains("  ") && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** A list item whose fields are written as a block mapping: "- a: 1" then "  b: 2". */
    private void item(int level, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) line(level, (i == 0 ? "- " : "  ") + fields.get(i));
    }

    private void line(int level, String text) {
        out.append("  ".repeat(level)).append(text).append('\n');
    }
}
