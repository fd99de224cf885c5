package dev.microsim.model.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.ByteSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the YAML tree into scenario records, reporting every structural problem (unknown keys,
 * wrong types, unparsable units, missing fields). Cross-references are checked afterwards by
 * {@link ScenarioChecks}, on the records.
 */
final class ScenarioReader {
    static final Set<String> TOP = ordered("version", "name", "description", "seed", "duration", "interval", "services", "load", "faults", "platform");
    static final Set<String> PLATFORM = ordered("hop", "computeHandoff", "timerResolution", "timerLag", "serverOverhead", "computeStretch", "wake",
            "wakeAfter");
    static final Set<String> SERVICE = ordered("replicas", "resources", "endpoints");
    static final Set<String> RESOURCES = ordered("cpu", "memory", "concurrency", "queue");
    static final Set<String> ENDPOINT = ordered("steps", "errorRate", "response", "memoryPerRequest");
    static final Set<String> STEP_KINDS = ordered("compute", "sleep", "io", "call", "parallel");
    static final Set<String> CALL = ordered("to", "probability", "timeout", "retries", "requestSize");
    static final Set<String> LOAD_COMMON = ordered("name", "profile", "target", "journeys", "start", "duration", "maxRequests");
    static final Map<String, Set<String>> PROFILE_FIELDS = Map.of(
            "constant", ordered("rate"),
            "poisson", ordered("rate"),
            "ramp", ordered("from", "to", "over"),
            "steps", ordered("stages"),
            "diurnal", ordered("base", "amplitude", "period", "noise"),
            "spike", ordered("base", "peak", "at", "length"),
            "closed", ordered("users", "think"));
    static final Set<String> FAULT_COMMON = ordered("id", "kind", "target", "at", "duration", "ramp");
    /** Stands in for a missing or invalid duration so that no fault window is reported against it. */
    static final Duration UNKNOWN_DURATION = Duration.ofDays(365_000);
    static final Set<String> FAULT_TARGET = ordered("service", "endpoint", "replicas", "caller", "share");

    private final Diagnostics d;
    private final FaultKinds faultKinds;
    /** Every service name written in the file, even one whose definition has errors. */
    private final Set<String> declaredServices = new LinkedHashSet<>();

    ScenarioReader(Diagnostics diagnostics, FaultKinds faultKinds) {
        this.d = diagnostics;
        this.faultKinds = faultKinds;
    }

    Set<String> declaredServices() {
        return declaredServices;
    }

    /**
     * The scenario as far as it could be read: parts with errors are left out (their problems are
     * already reported) so that cross-reference checks still run and every problem shows at once.
     * Empty only when there is nothing to check.
     */
    Optional<Scenario> read(JsonNode root) {
        Optional<Fields> top = Fields.of(root, "", d, "a scenario");
        if (top.isEmpty()) return Optional.empty();
        Fields f = top.get();
        f.allowOnly(TOP);
        long version = f.anyInteger("version").orElse((long) Scenario.FORMAT_VERSION);
        if (version != Scenario.FORMAT_VERSION) {
            d.error("version", "unsupported scenario version " + version + " (this MicroSim reads version " + Scenario.FORMAT_VERSION + ")");
        }
        Optional<String> name = f.string("name", true);
        String description = f.string("description", false).orElse("");
        long seed = f.anyInteger("seed").orElse(1L);
        Optional<Duration> duration = f.duration("duration", true, true, Limits.MAX_DURATION);
        Duration interval = f.duration("interval", false, Limits.MIN_INTERVAL, Limits.MAX_INTERVAL).orElse(Duration.ofSeconds(1));
        Map<String, Service> services = services(f);
        List<LoadSpec> load = list(f, "load", this::loadSpec);
        List<FaultSpec> faults = new ArrayList<>();
        if (f.has("faults")) {
            JsonNode list = f.get("faults");
            if (!list.isArray()) d.error(f.path("faults"), "expected a list of faults, got " + Fields.describe(list));
            else for (int i = 0; i < list.size(); i++) fault(list.get(i), FieldPath.index("faults", i), i).ifPresent(faults::add);
        }
        Platform platform = f.has("platform") ? platform(f.get("platform"), f.path("platform")) : Platform.DEFAULT;
        // Placeholders only keep the checks running; a scenario with errors is never handed out.
        return Optional.of(new Scenario(Scenario.FORMAT_VERSION, name.orElse("?"), description, seed,
                duration.orElse(UNKNOWN_DURATION), interval, services, load, faults, platform));
    }

    /** Fast mode's platform costs: each field optional; costs are distributions (as step costs), the resolution a duration. */
    private Platform platform(JsonNode node, String path) {
        Optional<Fields> of = Fields.of(node, path, d, "platform costs");
        if (of.isEmpty()) return Platform.DEFAULT;
        Fields f = of.get();
        f.allowOnly(PLATFORM);
        Double stretch = f.number("computeStretch", false).filter(x -> {
            if (x >= 0 && x <= 100) return true;
            d.error(f.path("computeStretch"), "computeStretch must be between 0 and 100, got " + Fields.format(x));
            return false;
        }).orElse(null);
        return new Platform(cost(f, "hop"), cost(f, "computeHandoff"),
                f.duration("timerResolution", false, Duration.ZERO, Limits.MAX_STEP).orElse(null), cost(f, "timerLag"),
                cost(f, "serverOverhead"), stretch, cost(f, "wake"), f.duration("wakeAfter", false, Duration.ZERO, Limits.MAX_STEP).orElse(null));
    }

    private Distribution cost(Fields f, String key) {
        return f.has(key) ? Distributions.read(f.get(key), f.path(key), d).orElse(null) : null;
    }

    private Map<String, Service> services(Fields top) {
        Map<String, Service> services = new LinkedHashMap<>();
        if (!top.require("services")) return services;
        Optional<Fields> all = Fields.of(top.get("services"), "services", d, "services by name");
        if (all.isEmpty()) return services;
        if (all.get().entries().isEmpty()) d.error("services", "at least one service is required");
        for (Map.Entry<String, JsonNode> e : all.get().entries()) {
            declaredServices.add(e.getKey());
            service(e.getKey(), e.getValue(), FieldPath.key("services", e.getKey())).ifPresent(s -> services.put(s.name(), s));
        }
        return services;
    }

    private Optional<Service> service(String name, JsonNode node, String path) {
        Optional<Fields> of = Fields.of(node, path, d, "a service");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        f.allowOnly(SERVICE);
        boolean nameOk = name.matches("[a-z][a-z0-9-]{0,62}");
        if (!nameOk) {
            d.keyError(path, "service name \"" + name + "\" must be a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters");
        }
        int replicas = f.integer("replicas", false, 1, Limits.MAX_REPLICAS).orElse(1L).intValue();
        Resources resources = f.has("resources") ? resources(f.get("resources"), f.path("resources")) : Resources.DEFAULT;
        Map<EndpointId, Endpoint> endpoints = new LinkedHashMap<>();
        if (f.require("endpoints")) {
            Fields.of(f.get("endpoints"), f.path("endpoints"), d, "endpoints by \"METHOD /path\"").ifPresent(eps -> {
                if (eps.entries().isEmpty()) d.error(eps.path(), "at least one endpoint is required");
                for (Map.Entry<String, JsonNode> e : eps.entries()) {
                    endpoint(e.getKey(), e.getValue(), FieldPath.key(eps.path(), e.getKey())).ifPresent(ep -> endpoints.put(ep.id(), ep));
                }
            });
        }
        if (!nameOk || resources == null) return Optional.empty();
        return Optional.of(new Service(name, replicas, resources, endpoints));
    }

    private Resources resources(JsonNode node, String path) {
        Optional<Fields> of = Fields.of(node, path, d, "resources");
        if (of.isEmpty()) return null;
        Fields f = of.get();
        f.allowOnly(RESOURCES);
        Resources def = Resources.DEFAULT;
        var cpu = f.cpu("cpu", false).orElse(def.cpu());
        var memory = f.size("memory", false, Limits.MIN_MEMORY, Limits.MAX_MEMORY).orElse(def.memory());
        int concurrency = f.integer("concurrency", false, 1, Limits.MAX_CONCURRENCY).orElse((long) def.concurrency()).intValue();
        int queue = f.integer("queue", false, 0, Limits.MAX_QUEUE).orElse((long) def.queue()).intValue();
        return memory.bytes() == 0 ? null : new Resources(cpu, memory, concurrency, queue);
    }

    private Optional<Endpoint> endpoint(String key, JsonNode node, String path) {
        Optional<EndpointId> id = Optional.empty();
        try {
            id = Optional.of(EndpointId.parse(key));
        } catch (IllegalArgumentException e) {
            d.keyError(path, "bad endpoint key: " + e.getMessage());
        }
        if (node == null || node.isNull()) {
            return id.map(i -> new Endpoint(i, List.of()));
        }
        Optional<Fields> of = Fields.of(node, path, d, "an endpoint");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        f.allowOnly(ENDPOINT);
        List<Step> steps = f.has("steps") ? steps(f.get("steps"), f.path("steps")) : List.of();
        double errorRate = f.probability("errorRate", false).orElse(0.0);
        ByteSize response = ByteSize.ZERO;
        if (f.has("response")) {
            Optional<Fields> r = Fields.of(f.get("response"), f.path("response"), d, "response settings");
            if (r.isPresent()) {
                r.get().allowOnly(Set.of("size"));
                response = r.get().size("size", false, ByteSize.ZERO, Limits.MAX_BODY).orElse(ByteSize.ZERO);
            }
        }
        ByteSize memory = f.size("memoryPerRequest", false, ByteSize.ZERO, Limits.MAX_MEMORY_PER_REQUEST).orElse(ByteSize.ZERO);
        List<Step> finalSteps = steps;
        ByteSize finalResponse = response;
        return id.map(i -> new Endpoint(i, finalSteps, errorRate, finalResponse, memory));
    }

    private List<Step> steps(JsonNode node, String path) {
        List<Step> steps = new ArrayList<>();
        if (!node.isArray()) {
            d.error(path, "expected a list of steps, got " + Fields.describe(node));
            return steps;
        }
        for (int i = 0; i < node.size(); i++) step(node.get(i), FieldPath.index(path, i)).ifPresent(steps::add);
        return steps;
    }

    private Optional<Step> step(JsonNode node, String path) {
        Optional<Fields> of = Fields.of(node, path, d, "a step like {compute: 2ms} or {call: svc GET /path}");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        f.allowOnly(STEP_KINDS);
        List<String> kinds = f.entries().stream().map(Map.Entry::getKey).filter(STEP_KINDS::contains).toList();
        if (kinds.size() != 1) {
            if (kinds.isEmpty() && f.entries().isEmpty()) d.error(path, "empty step: expected one of compute, sleep, io, call, parallel");
            else if (kinds.size() > 1) d.error(path, "a step has exactly one kind, got " + String.join(" and ", kinds) + " (write them as separate steps)");
            return Optional.empty();
        }
        String kind = kinds.get(0);
        String kpath = f.path(kind);
        JsonNode body = f.get(kind);
        return switch (kind) {
            case "compute" -> Distributions.read(body, kpath, d).map(Step.Compute::new);
            case "sleep" -> Distributions.read(body, kpath, d).map(Step.Sleep::new);
            case "io" -> Distributions.read(body, kpath, d).map(Step.Io::new);
            case "parallel" -> {
                List<Step> children = steps(body, kpath);
                if (body.isArray() && body.isEmpty()) d.error(kpath, "parallel needs at least one step");
                yield children.isEmpty() ? Optional.empty() : Optional.of(new Step.Parallel(children));
            }
            default -> call(body, kpath);
        };
    }

    private Optional<Step> call(JsonNode node, String path) {
        if (node.isValueNode()) return endpointRef(node, path).map(Step.Call::to);
        Optional<Fields> of = Fields.of(node, path, d, "a call like \"svc GET /path\" or {to: ..., probability: ...}");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        f.allowOnly(CALL);
        Optional<EndpointRef> to = f.require("to") ? endpointRef(f.get("to"), f.path("to")) : Optional.empty();
        double probability = f.probability("probability", false).orElse(1.0);
        Duration timeout = f.duration("timeout", false, true, Limits.MAX_STEP).orElse(Step.Call.DEFAULT_TIMEOUT);
        int retries = f.integer("retries", false, 0, Limits.MAX_RETRIES).orElse(0L).intValue();
        ByteSize size = f.size("requestSize", false, ByteSize.ZERO, Limits.MAX_BODY).orElse(ByteSize.ZERO);
        return to.map(t -> new Step.Call(t, probability, size, timeout, retries));
    }

    private Optional<EndpointRef> endpointRef(JsonNode node, String path) {
        if (!node.isTextual()) {
            d.error(path, "expected \"service METHOD /path\", got " + Fields.describe(node));
            return Optional.empty();
        }
        try {
            return Optional.of(EndpointRef.parse(node.asText()));
        } catch (IllegalArgumentException e) {
            d.error(path, e.getMessage());
            return Optional.empty();
        }
    }

    private <T> List<T> list(Fields f, String key, ItemReader<T> reader) {
        List<T> out = new ArrayList<>();
        if (!f.has(key)) return out;
        JsonNode list = f.get(key);
        if (!list.isArray()) {
            d.error(f.path(key), "expected a list, got " + Fields.describe(list));
            return out;
        }
        for (int i = 0; i < list.size(); i++) reader.read(list.get(i), FieldPath.index(f.path(key), i), i).ifPresent(out::add);
        return out;
    }

    private interface ItemReader<T> {
        Optional<T> read(JsonNode node, String path, int index);
    }

    private Optional<LoadSpec> loadSpec(JsonNode node, String path, int index) {
        Optional<Fields> of = Fields.of(node, path, d, "a load entry");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        Optional<String> profileName = f.string("profile", true);
        Set<String> allowed = new LinkedHashSet<>(LOAD_COMMON);
        profileName.map(PROFILE_FIELDS::get).ifPresent(allowed::addAll);
        if (profileName.isPresent() && !PROFILE_FIELDS.containsKey(profileName.get())) {
            d.error(f.path("profile"), "unknown load profile \"" + profileName.get() + "\"" + Suggestions.didYouMean(profileName.get(), PROFILE_FIELDS.keySet())
                    + "; allowed: closed, constant, diurnal, poisson, ramp, spike, steps");
            PROFILE_FIELDS.values().forEach(allowed::addAll);
        }
        f.allowOnly(allowed);
        String name = f.string("name", false).orElse("load-" + index);
        Optional<LoadProfile> profile = profileName.filter(PROFILE_FIELDS::containsKey).flatMap(p -> profile(p, f));
        Optional<Workload> workload = workload(f);
        Duration start = f.duration("start", false, false, Limits.MAX_DURATION).orElse(Duration.ZERO);
        Optional<Duration> duration = f.duration("duration", false, true, Limits.MAX_DURATION);
        Optional<Long> max = f.integer("maxRequests", false, 1, Limits.MAX_REQUESTS);
        if (profile.isEmpty() || workload.isEmpty()) return Optional.empty();
        return Optional.of(new LoadSpec(name, profile.get(), workload.get(), start, duration, max));
    }

    private Optional<LoadProfile> profile(String name, Fields f) {
        try {
            return switch (name) {
                case "constant" -> f.rate("rate", true).map(LoadProfile.Constant::new);
                case "poisson" -> f.rate("rate", true).map(LoadProfile.Poisson::new);
                case "ramp" -> {
                    var from = f.rate("from", true);
                    var to = f.rate("to", true);
                    var over = f.duration("over", true, true, Limits.MAX_DURATION);
                    yield from.isPresent() && to.isPresent() && over.isPresent()
                            ? Optional.of(new LoadProfile.Ramp(from.get(), to.get(), over.get())) : Optional.empty();
                }
                case "steps" -> stages(f);
                case "diurnal" -> {
                    var base = f.rate("base", true);
                    var amplitude = f.rate("amplitude", true);
                    var period = f.duration("period", true, true, Limits.MAX_DURATION);
                    double noise = f.number("noise", false).orElse(0.0);
                    if (!(noise >= 0 && noise <= 1)) {
                        d.error(f.path("noise"), "noise is a relative standard deviation between 0 and 1, got " + Fields.format(noise));
                        yield Optional.empty();
                    }
                    if (base.isPresent() && amplitude.isPresent() && amplitude.get().perSecond() > base.get().perSecond()) {
                        d.error(f.path("amplitude"), "amplitude " + amplitude.get() + " exceeds base " + base.get() + ": the rate would go negative");
                        yield Optional.empty();
                    }
                    yield base.isPresent() && amplitude.isPresent() && period.isPresent()
                            ? Optional.of(new LoadProfile.Diurnal(base.get(), amplitude.get(), period.get(), noise)) : Optional.empty();
                }
                case "spike" -> {
                    var base = f.rate("base", true);
                    var peak = f.rate("peak", true);
                    var at = f.duration("at", true, false, Limits.MAX_DURATION);
                    var length = f.duration("length", true, true, Limits.MAX_DURATION);
                    yield base.isPresent() && peak.isPresent() && at.isPresent() && length.isPresent()
                            ? Optional.of(new LoadProfile.Spike(base.get(), peak.get(), at.get(), length.get())) : Optional.empty();
                }
                default -> {
                    var users = f.integer("users", true, 1, Limits.MAX_USERS);
                    Distribution think = f.distribution("think", false).orElse(new Distribution.Constant(Duration.ZERO));
                    yield users.map(u -> new LoadProfile.Closed(u.intValue(), think));
                }
            };
        } catch (IllegalArgumentException e) {
            d.error(f.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<LoadProfile> stages(Fields f) {
        if (!f.require("stages")) return Optional.empty();
        JsonNode list = f.get("stages");
        String path = f.path("stages");
        if (!list.isArray() || list.isEmpty()) {
            d.error(path, "expected a non-empty list of {rate, duration}, got " + Fields.describe(list));
            return Optional.empty();
        }
        List<LoadProfile.Steps.Stage> stages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Optional<Fields> s = Fields.of(list.get(i), FieldPath.index(path, i), d, "a stage {rate, duration}");
            if (s.isEmpty()) continue;
            s.get().allowOnly(Set.of("rate", "duration"));
            var rate = s.get().rate("rate", true);
            var duration = s.get().duration("duration", true, true, Limits.MAX_DURATION);
            if (rate.isPresent() && duration.isPresent()) stages.add(new LoadProfile.Steps.Stage(rate.get(), duration.get()));
        }
        return stages.size() == list.size() ? Optional.of(new LoadProfile.Steps(stages)) : Optional.empty();
    }

    private Optional<Workload> workload(Fields f) {
        boolean target = f.has("target");
        boolean journeys = f.has("journeys");
        if (target == journeys) {
            d.error(f.path(), target ? "give either target or journeys, not both" : "missing \"target\" (an entrypoint like \"frontend GET /home\") or \"journeys\"");
            return Optional.empty();
        }
        if (target) return endpointRef(f.get("target"), f.path("target")).map(Workload.Single::new);
        JsonNode list = f.get("journeys");
        String path = f.path("journeys");
        if (!list.isArray() || list.isEmpty()) {
            d.error(path, "expected a non-empty list of journeys, got " + Fields.describe(list));
            return Optional.empty();
        }
        List<Workload.Journey> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) journey(list.get(i), FieldPath.index(path, i), i).ifPresent(out::add);
        return out.size() == list.size() ? Optional.of(new Workload.Journeys(out)) : Optional.empty();
    }

    private Optional<Workload.Journey> journey(JsonNode node, String path, int index) {
        Optional<Fields> of = Fields.of(node, path, d, "a journey {name, weight, requests}");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        f.allowOnly(ordered("name", "weight", "requests"));
        String name = f.string("name", false).orElse("journey-" + index);
        double weight = f.number("weight", false).orElse(1.0);
        if (!(weight > 0 && weight <= Limits.MAX_WEIGHT)) {
            d.error(f.path("weight"), "weight must be > 0 and at most " + Fields.format(Limits.MAX_WEIGHT) + ", got " + Fields.format(weight));
            return Optional.empty();
        }
        if (!f.require("requests")) return Optional.empty();
        JsonNode reqs = f.get("requests");
        String rpath = f.path("requests");
        if (!reqs.isArray() || reqs.isEmpty()) {
            d.error(rpath, "expected a non-empty list of {target, think}, got " + Fields.describe(reqs));
            return Optional.empty();
        }
        List<Workload.Visit> visits = new ArrayList<>();
        for (int i = 0; i < reqs.size(); i++) {
            String vpath = FieldPath.index(rpath, i);
            JsonNode v = reqs.get(i);
            if (v.isTextual()) {
                endpointRef(v, vpath).ifPresent(t -> visits.add(new Workload.Visit(t, new Distribution.Constant(Duration.ZERO))));
                continue;
            }
            Fields.of(v, vpath, d, "a request {target, think}").ifPresent(vf -> {
                vf.allowOnly(Set.of("target", "think"));
                Optional<EndpointRef> t = vf.require("target") ? endpointRef(vf.get("target"), vf.path("target")) : Optional.empty();
                Distribution think = vf.distribution("think", false).orElse(new Distribution.Constant(Duration.ZERO));
                t.ifPresent(tt -> visits.add(new Workload.Visit(tt, think)));
            });
        }
        return visits.size() == reqs.size() ? Optional.of(new Workload.Journey(name, weight, visits)) : Optional.empty();
    }

    /** What differs for a fault injected by hand during a run: it starts now, with these defaults. */
    record HandFault(String defaultId, Duration defaultDuration) {}

    /** A fault written by hand (the control API) at the root of its own document. */
    Optional<FaultSpec> handFault(JsonNode node, HandFault hand) {
        return fault(node, "", 0, hand);
    }

    private Optional<FaultSpec> fault(JsonNode node, String path, int index) {
        return fault(node, path, index, null);
    }

    private Optional<FaultSpec> fault(JsonNode node, String path, int index, HandFault hand) {
        Optional<Fields> of = Fields.of(node, path, d, "a fault");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        Optional<String> kind = f.string("kind", true);
        Set<String> allowed = new LinkedHashSet<>(FAULT_COMMON);
        boolean knownKind = kind.isPresent() && (faultKinds.acceptsAny() || faultKinds.kinds().contains(kind.get()));
        if (kind.isPresent() && !knownKind) {
            d.error(f.path("kind"), "unknown fault kind \"" + kind.get() + "\"" + Suggestions.didYouMean(kind.get(), faultKinds.kinds())
                    + "; see docs/faults.md for the catalogue");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.entries()) {
            if (FAULT_COMMON.contains(e.getKey())) continue;
            if (knownKind && !faultKinds.acceptsAny() && !faultKinds.parameters(kind.get()).contains(e.getKey())) {
                Set<String> valid = new LinkedHashSet<>(FAULT_COMMON);
                valid.addAll(faultKinds.parameters(kind.get()));
                d.keyError(f.path(e.getKey()), "unknown key \"" + e.getKey() + "\" for fault kind " + kind.get()
                        + Suggestions.didYouMean(e.getKey(), valid) + "; allowed: " + String.join(", ", valid.stream().sorted().toList()));
                continue;
            }
            parameters.put(e.getKey(), PlainValues.of(e.getValue()));
        }
        Optional<FaultTarget> target = f.require("target") ? faultTarget(f.get("target"), f.path("target")) : Optional.empty();
        Optional<Duration> at;
        Optional<Duration> duration;
        if (hand == null) {
            at = f.duration("at", true, false, Limits.MAX_DURATION);
            duration = f.duration("duration", true, true, Limits.MAX_DURATION);
        } else {
            if (f.has("at")) d.keyError(f.path("at"), "not accepted here: a fault injected by hand starts now");
            at = Optional.of(Duration.ZERO);
            duration = f.has("duration") ? f.duration("duration", true, true, Limits.MAX_DURATION) : Optional.of(hand.defaultDuration());
        }
        Duration ramp = f.duration("ramp", false, false, Limits.MAX_DURATION).orElse(Duration.ZERO);
        if (duration.isPresent() && ramp.compareTo(duration.get()) > 0) {
            d.error(f.path("ramp"), "ramp " + Fields.quote(f.get("ramp")) + " is longer than the fault's duration " + Fields.quote(f.get("duration")));
            return Optional.empty();
        }
        String id = f.string("id", false).orElseGet(() -> hand != null ? hand.defaultId() : "f" + (index + 1) + "-" + kind.orElse("fault") + target.map(t -> "-" + t.service()).orElse(""));
        if (kind.isEmpty() || !knownKind || target.isEmpty() || at.isEmpty() || duration.isEmpty()) return Optional.empty();
        FaultSpec spec = new FaultSpec(id, kind.get(), target.get(), at.get(), duration.get(), ramp, parameters);
        faultKinds.check(spec, path, d);
        return Optional.of(spec);
    }

    private Optional<FaultTarget> faultTarget(JsonNode node, String path) {
        if (node.isTextual()) return Optional.of(FaultTarget.service(node.asText()));
        Optional<Fields> of = Fields.of(node, path, d, "a target: a service name or {service, endpoint, replicas, caller, share}");
        if (of.isEmpty()) return Optional.empty();
        Fields f = of.get();
        f.allowOnly(FAULT_TARGET);
        Optional<String> service = f.string("service", true);
        Optional<EndpointId> endpoint = Optional.empty();
        if (f.has("endpoint")) {
            try {
                endpoint = Optional.of(EndpointId.parse(f.get("endpoint").asText()));
            } catch (IllegalArgumentException e) {
                d.error(f.path("endpoint"), e.getMessage());
                return Optional.empty();
            }
        }
        Optional<List<Integer>> replicas = Optional.empty();
        if (f.has("replicas")) {
            JsonNode r = f.get("replicas");
            List<Integer> indexes = new ArrayList<>();
            if (!r.isArray() || r.isEmpty()) d.error(f.path("replicas"), "expected a non-empty list of replica indexes like [0, 1], got " + Fields.describe(r));
            else for (int i = 0; i < r.size(); i++) {
                if (!r.get(i).isIntegralNumber() || r.get(i).asInt() < 0) {
                    d.error(FieldPath.index(f.path("replicas"), i), "expected a replica index >= 0, got " + Fields.describe(r.get(i)));
                } else indexes.add(r.get(i).asInt());
            }
            if (indexes.size() != r.size() || indexes.isEmpty()) return Optional.empty();
            replicas = Optional.of(indexes);
        }
        Optional<String> caller = f.string("caller", false);
        Optional<Double> share = f.number("share", false);
        if (share.isPresent() && !(share.get() > 0 && share.get() <= 1)) {
            d.error(f.path("share"), "share must be in (0, 1], got " + Fields.format(share.get()));
            return Optional.empty();
        }
        Optional<EndpointId> ep = endpoint;
        Optional<List<Integer>> reps = replicas;
        return service.map(s -> new FaultTarget(s, ep, reps, caller, share.orElse(1.0)));
    }

    private static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
