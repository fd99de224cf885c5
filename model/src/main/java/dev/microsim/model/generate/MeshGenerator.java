package dev.microsim.model.generate;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.generate.ServiceNames.Backend;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.model.units.Rate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Generates a random but realistic mesh of any size, deterministically from a seed.
 *
 * <p>Shape: services sit in tiers (3 to 6 for 3+ services): a few entrypoints (gateways,
 * frontends) on top, business services in the middle, backends (databases, caches, queues,
 * object stores) at the bottom, each owned by a business service that calls it. Calls only go
 * to deeper tiers, so the call graph is a DAG, and every endpoint below the top has a caller, so
 * every service is reachable from the load. Fan-out is mostly 1-3 with an occasional larger one;
 * CPU costs are log-normal, backend I/O log-normal or exponential; most calls are always made,
 * some with a probability (cache misses, optional features); some calls run in parallel.
 *
 * <p>The load (Poisson arrivals on every entrypoint) is scaled from the mesh's expected CPU cost
 * per request so that the whole run needs about {@value #CPU_BUDGET_CORES} cores, capped at
 * {@value #MAX_TOTAL_RATE} requests/s: generated scenarios run on a small machine. Each
 * service's CPU limit is provisioned at least {@value #CPU_HEADROOM}x its expected use. One
 * latency fault on a non-entry service makes the scenario ready for a detector.
 */
public final class MeshGenerator {
    static final double CPU_BUDGET_CORES = 0.4;
    static final double MAX_TOTAL_RATE = 200;
    static final double CPU_HEADROOM = 3;
    public static final Duration DURATION = Duration.ofMinutes(5);
    /**
     * Beyond {@link Limits#MAX_SERVICES} a mesh cannot be a scenario file, but fast mode runs it in process
     * (FastScaleBench's 100,000 services, issue 13's scale goal); so the generator's bound is its own.
     */
    public static final int MAX_GENERATED_SERVICES = 100_000;

    /** One service while the mesh is being built. */
    private static final class Node {
        final String name;
        final int tier;
        final Backend backend; // null unless a backend
        final List<Draft> endpoints = new ArrayList<>();
        final List<Node> backends = new ArrayList<>();
        Node owner; // a backend's caller; null for other services
        int replicas = 1;

        Node(String name, int tier, Backend backend) {
            this.name = name;
            this.tier = tier;
            this.backend = backend;
        }
    }

    /** One endpoint while the mesh is being built. */
    private static final class Draft {
        final Node owner;
        final EndpointId id;
        final List<Step.Call> calls = new ArrayList<>();
        int callers;
        Distribution before;
        Distribution after; // optional: rendering, serialisation
        Distribution io;    // backends only
        double visits;      // expected requests per 1 request/s of total load

        Draft(Node owner, EndpointId id) {
            this.owner = owner;
            this.id = id;
        }

        EndpointRef ref() {
            return new EndpointRef(owner.name, id);
        }

        double meanCpuSeconds() {
            double s = before.mean().toNanos() / 1e9;
            return after == null ? s : s + after.mean().toNanos() / 1e9;
        }
    }

    /**
     * A mesh of {@code services} services.
     *
     * A mesh of more than {@link Limits#MAX_SERVICES} services can be run in process but not written as a
     * scenario file (the parser refuses it).
     *
     * @throws IllegalArgumentException if {@code services} is outside 1..{@link #MAX_GENERATED_SERVICES}
     */
    public Scenario generate(int services, long seed) {
        if (services < 1 || services > MAX_GENERATED_SERVICES) {
            throw new IllegalArgumentException("services must be between 1 and " + MAX_GENERATED_SERVICES
                    + " (a scenario file holds at most " + Limits.MAX_SERVICES + "), got " + services);
        }
        return new Build(services, seed).scenario();
    }

    /** The state of one generation; a fresh one per call keeps the generator stateless and thread-safe. */
    private static final class Build {
        final int n;
        final long seed;
        final RandomGenerator random;
        final ServiceNames names;
        final List<List<Node>> tiers = new ArrayList<>();
        final Map<EndpointRef, Draft> byRef = new LinkedHashMap<>();

        Build(int n, long seed) {
            this.n = n;
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.names = new ServiceNames(random);
        }

        Scenario scenario() {
            layOutTiers();
            coverEveryEndpoint();
            fanOut();
            Map<Node, Double> entryShare = entryShares();
            double totalRate = scaleLoad(entryShare);
            Map<String, Service> services = new LinkedHashMap<>();
            for (List<Node> tier : tiers) for (Node node : tier) services.put(node.name, service(node, totalRate));
            return new Scenario(Scenario.FORMAT_VERSION, "mesh-" + n + "-seed-" + seed,
                    "Generated mesh: " + n + " services in " + tiers.size() + " tiers (microsim generate --services " + n + " --seed " + seed + ")",
                    seed, DURATION, Duration.ofSeconds(1), services, load(entryShare, totalRate), faults());
        }

        // ---- shape ----

        void layOutTiers() {
            int tierCount = Math.min(n, Math.min(6, 3 + (int) Math.floor(Math.log10(n))));
            int entries = tierCount == 1 ? 1 : clamp((int) Math.round(Math.sqrt(n) / 4), 1, 6);
            int backends = tierCount >= 2 ? Math.max(1, (int) Math.round(0.3 * (n - entries))) : 0;
            int middle = n - entries - backends;
            int middleTiers = Math.min(Math.max(0, tierCount - 2), middle);

            List<Node> top = new ArrayList<>();
            for (int i = 0; i < entries; i++) top.add(new Node(names.entry(i), 0, null));
            tiers.add(top);
            double[] weights = new double[middleTiers];
            double sum = 0;
            for (int t = 0; t < middleTiers; t++) sum += weights[t] = 1 + 0.5 * t;
            int placed = 0;
            for (int t = 0; t < middleTiers; t++) {
                int size = t == middleTiers - 1 ? middle - placed : Math.max(1, (int) Math.round(middle * weights[t] / sum));
                size = Math.min(size, middle - placed - (middleTiers - 1 - t)); // leave at least one for each later tier
                List<Node> tier = new ArrayList<>();
                for (int i = 0; i < size; i++) tier.add(new Node(names.business(), t + 1, null));
                placed += size;
                tiers.add(tier);
            }
            if (backends > 0) {
                List<Node> owners = middleTiers > 0 ? tiers.subList(1, tiers.size()).stream().flatMap(List::stream).toList() : top;
                List<Node> bottom = new ArrayList<>();
                for (int i = 0; i < backends; i++) {
                    Node owner = fewest(owners, o -> o.backends.size());
                    Backend kind = pick(new Backend[] {Backend.DB, Backend.DB, Backend.DB, Backend.CACHE, Backend.CACHE, Backend.QUEUE, Backend.STORE});
                    Node node = new Node(names.backend(owner.name, kind), tiers.size(), kind);
                    node.owner = owner;
                    owner.backends.add(node);
                    bottom.add(node);
                }
                tiers.add(bottom);
            }
            for (List<Node> tier : tiers) for (Node node : tier) if (node.tier > 0) endpoints(node);
            int below = tiers.size() > 1 ? tiers.get(1).stream().mapToInt(x -> x.endpoints.size()).sum() : 0;
            // Enough routes on each entrypoint that each route covers about three services below it.
            int routes = clamp((int) Math.round(below / (3.0 * entries)), 2, 20);
            for (Node node : top) entryEndpoints(node, routes + random.nextInt(0, 2));
        }

        void endpoints(Node node) {
            if (node.backend != null) {
                List<String> kinds = switch (node.backend) {
                    case DB -> List.of("GET /query", "POST /insert", "PUT /update");
                    case CACHE -> List.of("GET /get", "POST /set");
                    case QUEUE -> List.of("POST /publish");
                    case STORE -> List.of("GET /object", "PUT /object");
                };
                int count = 1 + random.nextInt(kinds.size());
                for (int i = 0; i < count; i++) add(node, EndpointId.parse(kinds.get(i)));
                node.replicas = 1;
                return;
            }
            String base = "/" + node.name.replaceAll("-\\d+$", "");
            List<String> all = List.of("GET " + base, "GET " + base + "/item", "POST " + base, "PUT " + base + "/item",
                    "DELETE " + base + "/item", "GET " + base + "/search");
            int count = 1 + weighted(new double[] {0.3, 0.35, 0.2, 0.1, 0.05});
            for (int i = 0; i < count; i++) add(node, EndpointId.parse(all.get(i)));
            node.replicas = 1 + weighted(new double[] {0.6, 0.3, 0.1});
        }

        void entryEndpoints(Node node, int count) {
            add(node, EndpointId.parse("GET /"));
            List<String> words = new ArrayList<>(ServiceNames.BUSINESS);
            for (int i = 1; i < count && !words.isEmpty(); i++) {
                String word = words.remove(random.nextInt(words.size()));
                add(node, new EndpointId(random.nextDouble() < 0.75 ? "GET" : "POST", "/api/" + word));
            }
            node.replicas = random.nextDouble() < 0.7 ? 2 : 3;
        }

        void add(Node node, EndpointId id) {
            Draft d = new Draft(node, id);
            node.endpoints.add(d);
            byRef.put(d.ref(), d);
            if (node.backend != null) {
                switch (node.backend) {
                    case CACHE -> d.before = new Distribution.Exponential(micros(logUniform(30, 90)));
                    case DB -> {
                        d.before = new Distribution.Constant(micros(logUniform(40, 120)));
                        d.io = logNormal(300, 3000);
                    }
                    case QUEUE -> {
                        d.before = new Distribution.Constant(micros(logUniform(50, 150)));
                        d.io = new Distribution.Exponential(micros(logUniform(200, 800)));
                    }
                    case STORE -> {
                        d.before = new Distribution.Constant(micros(logUniform(50, 100)));
                        d.io = logNormal(1000, 8000);
                    }
                }
            } else {
                d.before = node.tier == 0 ? logNormal(300, 1500) : logNormal(100, 2000);
                if (random.nextDouble() < 0.4) d.after = logNormal(80, 800);
            }
        }

        // ---- calls ----

        /** Every endpoint below the top gets a caller one tier up; a backend's caller is its owner. */
        void coverEveryEndpoint() {
            for (int t = 1; t < tiers.size(); t++) {
                List<Draft> above = endpointsOf(tiers.get(t - 1)); // once per tier: per endpoint it made 100,000 services quadratic
                for (Node node : tiers.get(t)) {
                    for (Draft e : node.endpoints) {
                        if (e.callers > 0) continue;
                        List<Draft> callers = node.backend != null ? ownerEndpoints(node) : above;
                        connect(fewest(callers, c -> c.calls.size()), e);
                    }
                }
            }
        }

        /** Adds calls until each non-backend endpoint reaches its drawn fan-out. */
        void fanOut() {
            for (List<Node> tier : tiers) {
                for (Node node : tier) {
                    if (node.backend != null || node.tier >= tiers.size() - 1) continue;
                    for (Draft e : node.endpoints) {
                        int want = node.tier == 0 ? 2 + weighted(new double[] {0.35, 0.35, 0.2, 0.1}) // 2-5
                                : 1 + weighted(new double[] {0.45, 0.3, 0.15, 0.05, 0.03, 0.02}); // 1-6, mostly 1-3
                        for (int attempt = 0; e.calls.size() < want && attempt < 10; attempt++) {
                            Draft target = target(node);
                            if (target != null && e.calls.stream().noneMatch(c -> c.to().equals(target.ref()))) connect(e, target);
                        }
                    }
                }
            }
        }

        /** A callee for {@code from}: usually the next tier, sometimes deeper, often its own backends. */
        Draft target(Node from) {
            int last = tiers.size() - 1;
            if (!from.backends.isEmpty() && random.nextDouble() < 0.35) {
                Node own = from.backends.get(random.nextInt(from.backends.size()));
                return own.endpoints.get(random.nextInt(own.endpoints.size()));
            }
            int tier = from.tier + 1 >= last || random.nextDouble() < 0.7 ? from.tier + 1 : random.nextInt(from.tier + 1, last + 1);
            List<Node> candidates = tiers.get(tier);
            Node to = candidates.get(random.nextInt(candidates.size()));
            return to.endpoints.get(random.nextInt(to.endpoints.size()));
        }

        void connect(Draft from, Draft to) {
            double probability = random.nextDouble() < 0.85 ? 1.0 : pick(new Double[] {0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 0.9});
            Duration timeout = random.nextDouble() < 0.8 ? Step.Call.DEFAULT_TIMEOUT
                    : pick(new Duration[] {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)});
            int retries = random.nextDouble() < 0.9 ? 0 : 1 + random.nextInt(2);
            ByteSize size = random.nextDouble() < 0.3 ? new ByteSize(64L << random.nextInt(7)) : ByteSize.ZERO;
            from.calls.add(new Step.Call(to.ref(), probability, size, timeout, retries));
            to.callers++;
        }

        static List<Draft> ownerEndpoints(Node backend) {
            if (backend.owner == null) throw new IllegalStateException("backend " + backend.name + " has no owner");
            return backend.owner.endpoints;
        }

        static List<Draft> endpointsOf(List<Node> nodes) {
            return nodes.stream().flatMap(x -> x.endpoints.stream()).toList();
        }

        // ---- load, provisioning, faults ----

        /** Each entrypoint's share of the total arrival rate, and the expected visits of every endpoint per 1 request/s. */
        Map<Node, Double> entryShares() {
            Map<Node, Double> share = new LinkedHashMap<>();
            double sum = 0;
            for (Node entry : tiers.get(0)) {
                double w = 1 + random.nextInt(5);
                share.put(entry, w);
                sum += w;
            }
            for (Map.Entry<Node, Double> e : share.entrySet()) e.setValue(e.getValue() / sum);
            return share;
        }

        /** Journey weights per entry endpoint, drawn once so that visits and the written load agree. */
        final Map<Draft, Double> routeWeight = new LinkedHashMap<>();

        double scaleLoad(Map<Node, Double> entryShare) {
            for (Node entry : tiers.get(0)) {
                double sum = 0;
                for (Draft e : entry.endpoints) {
                    double w = 1 + random.nextInt(10);
                    routeWeight.put(e, w);
                    sum += w;
                }
                for (Draft e : entry.endpoints) e.visits = entryShare.get(entry) * routeWeight.get(e) / sum;
            }
            // Calls go strictly downwards, so tier order is a topological order.
            for (List<Node> tier : tiers) {
                for (Node node : tier) {
                    for (Draft e : node.endpoints) {
                        for (Step.Call c : e.calls) byRef.get(c.to()).visits += e.visits * c.probability();
                    }
                }
            }
            double cpuPerUnitRate = byRef.values().stream().mapToDouble(d -> d.visits * d.meanCpuSeconds()).sum();
            double rate = Math.min(MAX_TOTAL_RATE, CPU_BUDGET_CORES / cpuPerUnitRate);
            return Math.max(tiers.get(0).size(), Math.floor(rate));
        }

        List<LoadSpec> load(Map<Node, Double> entryShare, double totalRate) {
            List<LoadSpec> load = new ArrayList<>();
            for (Node entry : tiers.get(0)) {
                Rate rate = Rate.perSecond(Math.max(1, Math.round(totalRate * entryShare.get(entry))));
                Workload workload;
                if (entry.endpoints.size() == 1) {
                    workload = new Workload.Single(entry.endpoints.get(0).ref());
                } else {
                    List<Workload.Journey> journeys = new ArrayList<>();
                    for (Draft e : entry.endpoints) {
                        journeys.add(new Workload.Journey(journeyName(e.id), routeWeight.get(e),
                                List.of(new Workload.Visit(e.ref(), new Distribution.Constant(Duration.ZERO)))));
                    }
                    workload = new Workload.Journeys(journeys);
                }
                load.add(new LoadSpec(entry.name + "-traffic", new LoadProfile.Poisson(rate), workload, Duration.ZERO,
                        Optional.empty(), Optional.empty()));
            }
            return load;
        }

        Service service(Node node, double totalRate) {
            Map<EndpointId, Endpoint> endpoints = new LinkedHashMap<>();
            double cpuUse = 0;
            for (Draft d : node.endpoints) {
                cpuUse += d.visits * totalRate * d.meanCpuSeconds();
                endpoints.put(d.id, new Endpoint(d.id, steps(d), errorRate(node), responseSize(node), memoryPerRequest(node)));
            }
            return new Service(node.name, node.replicas, resources(node, cpuUse / node.replicas), endpoints);
        }

        List<Step> steps(Draft d) {
            List<Step> steps = new ArrayList<>();
            steps.add(new Step.Compute(d.before));
            if (d.io != null) steps.add(new Step.Io(d.io));
            List<Step> calls = new ArrayList<>(d.calls);
            if (calls.size() >= 2 && random.nextDouble() < 0.3) {
                int length = random.nextInt(2, Math.min(4, calls.size()) + 1);
                int from = random.nextInt(0, calls.size() - length + 1);
                List<Step> group = new ArrayList<>(calls.subList(from, from + length));
                calls.subList(from, from + length).clear();
                calls.add(from, new Step.Parallel(group));
            }
            steps.addAll(calls);
            if (d.after != null) steps.add(new Step.Compute(d.after));
            return steps;
        }

        double errorRate(Node node) {
            return node.backend == null && random.nextDouble() < 0.1 ? pick(new Double[] {0.001, 0.002, 0.005, 0.01}) : 0;
        }

        ByteSize responseSize(Node node) {
            int shift = node.tier == 0 ? 10 + random.nextInt(5) : 6 + random.nextInt(7); // 1-16 KiB at the top, 64 B-4 KiB below
            return new ByteSize(1L << shift);
        }

        ByteSize memoryPerRequest(Node node) {
            return node.backend == null && random.nextDouble() < 0.2 ? ByteSize.ofKiB(16L << random.nextInt(4)) : ByteSize.ZERO;
        }

        Resources resources(Node node, double cpuPerReplica) {
            long[] standard = {250, 500, 1000, 2000, 4000, 8000};
            long wanted = (long) Math.ceil(cpuPerReplica * CPU_HEADROOM * 1000);
            long base;
            String memory;
            int concurrency = 64;
            int queue = 128;
            if (node.tier == 0) {
                base = 1000;
                memory = pick(new String[] {"256Mi", "512Mi"});
                concurrency = 128;
                queue = 256;
            } else if (node.backend == null) {
                base = pick(new Long[] {250L, 500L, 1000L});
                memory = pick(new String[] {"128Mi", "256Mi", "512Mi"});
            } else {
                base = node.backend == Backend.DB ? 1000 : 500;
                memory = switch (node.backend) {
                    case DB -> "1Gi";
                    case CACHE -> "256Mi";
                    default -> "512Mi";
                };
                concurrency = node.backend == Backend.DB ? 32 : 64;
                queue = 256;
            }
            long cpu = base;
            if (wanted > cpu) {
                cpu = java.util.Arrays.stream(standard).filter(s -> s >= wanted).findFirst().orElse((wanted + 999) / 1000 * 1000);
            }
            return new Resources(new CpuCores(cpu),
                    ByteSize.parse(memory), concurrency, queue);
        }

        List<FaultSpec> faults() {
            List<Node> candidates = tiers.subList(1, tiers.size()).stream().flatMap(List::stream).toList();
            if (candidates.isEmpty()) return List.of();
            Node victim = candidates.get(random.nextInt(candidates.size()));
            String delay = pick(new String[] {"50ms", "100ms", "200ms"});
            return List.of(new FaultSpec("latency-" + victim.name, "latency", FaultTarget.service(victim.name),
                    Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ZERO, Map.of("delay", delay)));
        }

        // ---- random helpers ----

        /** Log-normal with a median log-uniform in [lo, hi] microseconds and a p99 3-8 times the median. */
        Distribution logNormal(double loMicros, double hiMicros) {
            Duration median = micros(logUniform(loMicros, hiMicros));
            Duration p99 = micros(median.toNanos() / 1000.0 * random.nextDouble(3, 8));
            return new Distribution.LogNormal(median, p99);
        }

        double logUniform(double lo, double hi) {
            return Math.exp(random.nextDouble(Math.log(lo), Math.log(hi)));
        }

        /** Whole tens of microseconds (whole microseconds below 100us), so the YAML stays readable. */
        static Duration micros(double us) {
            long rounded = us >= 100 ? Math.round(us / 10) * 10 : Math.max(1, Math.round(us));
            return Duration.ofNanos(rounded * 1000);
        }

        /** An index drawn with the given weights. */
        int weighted(double[] weights) {
            double total = 0;
            for (double w : weights) total += w;
            double x = random.nextDouble(total);
            for (int i = 0; i < weights.length; i++) {
                x -= weights[i];
                if (x < 0) return i;
            }
            return weights.length - 1;
        }

        <T> T pick(T[] options) {
            return options[random.nextInt(options.length)];
        }

        /** Of two random candidates, the one with the lower score: spreads load evenly without sorting. */
        <T> T fewest(List<T> candidates, java.util.function.ToIntFunction<T> score) {
            T a = candidates.get(random.nextInt(candidates.size()));
            T b = candidates.get(random.nextInt(candidates.size()));
            return score.applyAsInt(b) < score.applyAsInt(a) ? b : a;
        }

        static int clamp(int v, int lo, int hi) {
            return Math.max(lo, Math.min(hi, v));
        }

        static String journeyName(EndpointId id) {
            String path = id.path().equals("/") ? "home" : id.path().substring(1).replace('/', '-');
            return id.method().toLowerCase(java.util.Locale.ROOT) + "-" + path;
        }
    }
}
