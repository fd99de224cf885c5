package dev.microsim.bench;

import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Durations;
import dev.microsim.model.units.Rate;
import dev.microsim.sim.PlatformCosts;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live against fast mode, side by side in one run, on a shipped scenario:
 *
 * <ol>
 *   <li>the platform's costs, measured on the live mesh by {@link PlatformCostBench} (a small mesh of
 *       its own, not the scenario compared here), unless {@code --platform} gives them;</li>
 *   <li>moderate load (the scenario's own load, its faults removed), live, fast with the ideal platform
 *       ({@link PlatformCosts#IDEAL}) and fast with the measured one (constant at the medians, and
 *       log-normals fitted to median and p95: the session-4 model; and "placed", the session-7 model
 *       from the same measurement: warm hop, server overhead, hand-off plus stretch, wake-ups of an
 *       idle host): per-service rps (goal within 5 %)
 *       and per-endpoint p50/p95 server latency (goal within 15 %), pooled from the spans of a steady
 *       window;</li>
 *   <li>overload: one entrypoint driven by a ladder of offered rates ({@code --ladder}, {@code --step}
 *       each); for each mode the first step at which the entry service queues (mean queue_length &gt;= 5)
 *       and the first at which it rejects (rejections &gt;= 1 % of requests) (goal: the same offered
 *       rate within 15 %).</li>
 * </ol>
 *
 * <p>{@code --csv DIR} also writes the rows as {@code calibration-NAME.csv} and {@code overload-NAME.csv}
 * for {@link CalibrationPlot}.
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -Xmx3g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.CalibrationBench \
 *     scenarios/online-boutique.yaml "frontend GET /product" [seconds] [gatling|builtin] \
 *     [--ladder 20,40,...] [--step 8s] [--platform measure|ideal|HOP,HANDOFF,RESOLUTION,LAG] [--csv DIR] [--no-moderate] [--no-overload]
 *     [--keep DIR]
 * </pre>
 */
public final class CalibrationBench {
    static final int[] DEFAULT_LADDER = {20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 240, 280, 320};

    /** The bench's settings, from the command line. */
    record Settings(Path scenario, EndpointRef target, long seconds, String load, int[] ladder, Duration step, String platform, Path csv,
                    boolean moderate, boolean overload, Path keep) {
        static Settings parse(String[] args) {
            List<String> positional = new ArrayList<>();
            int[] ladder = DEFAULT_LADDER;
            Duration step = Duration.ofSeconds(8);
            String platform = "measure";
            Path csv = null;
            boolean moderate = true;
            boolean overload = true;
            Path keep = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--ladder" -> ladder = Arrays.stream(args[++i].split(",")).mapToInt(r -> Integer.parseInt(r.strip())).toArray();
                    case "--step" -> step = Durations.parse(args[++i]);
                    case "--platform" -> platform = args[++i];
                    case "--csv" -> csv = Path.of(args[++i]);
                    case "--no-moderate" -> moderate = false;
                    case "--no-overload" -> overload = false;
                    case "--keep" -> keep = Path.of(args[++i]);
                    default -> {
                        if (args[i].startsWith("--")) throw new IllegalArgumentException("unknown option " + args[i]);
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() < 2) throw new IllegalArgumentException("usage: CalibrationBench SCENARIO \"ENTRY\" [seconds] [gatling|builtin] [options]");
            for (int i = 1; i < ladder.length; i++) {
                if (ladder[i] <= ladder[i - 1]) throw new IllegalArgumentException("--ladder must rise, got " + Arrays.toString(ladder));
            }
            return new Settings(Path.of(positional.get(0)), EndpointRef.parse(positional.get(1)),
                    positional.size() > 2 ? Long.parseLong(positional.get(2)) : 90, positional.size() > 3 ? positional.get(3) : "gatling",
                    ladder, step, platform, csv, moderate, overload, keep);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings set = Settings.parse(args);
        Scenario base = Scenarios.parser().parse(set.scenario()).orThrow();
        Path dir = set.keep() != null ? Files.createDirectories(set.keep()) : Files.createTempDirectory("calibration");
        try {
            Map<String, PlatformCosts> platforms = platforms(set.platform(), dir);
            if (set.moderate()) moderate(base, Duration.ofSeconds(set.seconds()), set.load(), platforms, dir, set.csv());
            if (set.overload()) overload(base, set.target(), set.ladder(), set.step(), set.load(), platforms, dir, set.csv());
        } finally {
            if (set.keep() == null) MeshThroughputBench.deleteTree(dir); // --keep DIR: the datasets stay there, to look into
        }
    }

    /** The fast-mode variants to compare with live: always the ideal platform, then the measured or given costs. */
    static Map<String, PlatformCosts> platforms(String spec, Path dir) throws Exception {
        Map<String, PlatformCosts> variants = new LinkedHashMap<>();
        variants.put("ideal", PlatformCosts.IDEAL);
        if (spec.equals("ideal")) return variants;
        if (spec.equals("measure")) {
            System.out.println("== platform costs, measured on the live mesh (PlatformCostBench, 20 s)");
            PlatformCostBench.Measured m = PlatformCostBench.measure(Duration.ofSeconds(20), dir);
            m.print();
            variants.put("medians", m.medians());
            variants.put("fitted", m.costs());
            variants.put("placed", m.placed());
            return variants;
        }
        String[] f = spec.split(",");
        if (f.length != 4) throw new IllegalArgumentException("--platform must be measure, ideal or HOP,HANDOFF,RESOLUTION,LAG, got " + spec);
        PlatformCosts p = PlatformCosts.constant(Durations.parse(f[0]), Durations.parse(f[1]), Durations.parse(f[2]), Durations.parse(f[3]));
        System.out.println("== platform costs given: " + p);
        variants.put("given", p);
        return variants;
    }

    static void moderate(Scenario base, Duration duration, String load, Map<String, PlatformCosts> platforms, Path dir, Path csv) throws Exception {
        Scenario s = new Scenario(1, base.name(), "", base.seed(), duration, base.interval(), base.services(), base.load(), List.of());
        System.out.printf("== %s, moderate load (%s, %s), faults removed; fast mode on %s%n", base.name(), duration, load, platforms);
        Calibration.live(s, dir.resolve("live"), load);
        Duration skip = Duration.ofSeconds(Math.min(20, duration.toSeconds() / 4));
        Duration tail = Duration.ofSeconds(5);
        var live = Calibration.read(dir.resolve("live"), duration, skip, tail);
        Map<String, List<Calibration.Row>> rows = new LinkedHashMap<>();
        for (var p : platforms.entrySet()) {
            Path out = dir.resolve("fast-" + p.getKey());
            Calibration.fast(s, out, p.getValue());
            rows.put(p.getKey(), Calibration.compare(live, Calibration.read(out, duration, skip, tail), 30));
        }
        StringBuilder head = new StringBuilder("| series | live |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String v : platforms.keySet()) {
            head.append(" fast ").append(v).append(" | /live |");
            rule.append("---|---|");
        }
        System.out.println(head);
        System.out.println(rule);
        PrintWriter out = csv == null ? null : writer(csv.resolve("calibration-" + base.name() + ".csv"));
        if (out != null) out.println("series,live," + String.join(",", platforms.keySet().stream().map(v -> "fast_" + v).toList()));
        Map<String, int[]> ok = new LinkedHashMap<>();
        platforms.keySet().forEach(v -> ok.put(v, new int[4]));
        for (Calibration.Row first : rows.get("ideal")) {
            boolean rps = first.what().endsWith(" rps");
            double tol = rps ? 0.05 : 0.15;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f |", first.what(), first.live()));
            StringBuilder csvLine = new StringBuilder(String.format(Locale.ROOT, "%s,%.4f", first.what(), first.live()));
            for (String v : platforms.keySet()) {
                Calibration.Row r = rows.get(v).stream().filter(x -> x.what().equals(first.what())).findFirst().orElse(null);
                if (r == null) {
                    line.append(" - | - |");
                    csvLine.append(',');
                    continue;
                }
                count(ok.get(v), rps, r.within(tol));
                line.append(String.format(Locale.ROOT, " %.2f | %.2f%s |", r.fast(), r.ratio(), r.within(tol) ? "" : " *"));
                csvLine.append(String.format(Locale.ROOT, ",%.4f", r.fast()));
            }
            System.out.println(line);
            if (out != null) out.println(csvLine);
        }
        if (out != null) out.close();
        ok.forEach((v, n) -> System.out.printf("%s, fast %s: per-service rps within 5%%: %d of %d; per-endpoint p50/p95 within 15%%: %d of %d (* outside)%n",
                base.name(), v, n[0], n[1], n[2], n[3]));
    }

    private static void count(int[] ok, boolean rps, boolean within) {
        int i = rps ? 0 : 2;
        ok[i + 1]++;
        if (within) ok[i]++;
    }

    private static PrintWriter writer(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return new PrintWriter(Files.newBufferedWriter(file));
    }

    static void overload(Scenario base, EndpointRef target, int[] rates, Duration step, String load, Map<String, PlatformCosts> platforms, Path dir,
                         Path csv) throws Exception {
        List<LoadProfile.Steps.Stage> stages = new ArrayList<>();
        for (int r : rates) stages.add(new LoadProfile.Steps.Stage(Rate.perSecond(r), step));
        Duration duration = step.multipliedBy(rates.length);
        Scenario s = new Scenario(1, base.name() + "-overload", "", base.seed(), duration, base.interval(), base.services(),
                List.of(LoadSpec.of("steps", new LoadProfile.Steps(stages), target)), List.of());
        System.out.printf("== %s, overload: %s at %s/s, %s each (%s)%n", base.name(), target, Arrays.toString(rates), step, load);
        Map<String, List<StepStats>> modes = new LinkedHashMap<>();
        Calibration.live(s, dir.resolve("live-overload"), load);
        modes.put("live", steps(dir.resolve("live-overload"), target.service(), rates, step));
        for (var p : platforms.entrySet()) {
            Path out = dir.resolve("fast-" + p.getKey() + "-overload");
            Calibration.fast(s, out, p.getValue());
            modes.put("fast " + p.getKey(), steps(out, target.service(), rates, step));
        }
        StringBuilder head = new StringBuilder("| offered /s |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String m : modes.keySet()) {
            head.append(' ').append(m).append(" queue | rejected |");
            rule.append("---|---|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (int i = 0; i < rates.length; i++) {
            StringBuilder line = new StringBuilder("| " + rates[i] + " |");
            for (List<StepStats> m : modes.values()) line.append(String.format(Locale.ROOT, " %.1f | %.1f%% |", m.get(i).queue(), 100 * m.get(i).rejected()));
            System.out.println(line);
        }
        if (csv != null) {
            try (PrintWriter out = writer(csv.resolve("overload-" + base.name() + ".csv"))) {
                out.println("offered,mode,queue,rejected");
                for (int i = 0; i < rates.length; i++) {
                    for (var m : modes.entrySet()) {
                        out.printf(Locale.ROOT, "%d,%s,%.4f,%.6f%n", rates[i], m.getKey(), m.getValue().get(i).queue(), m.getValue().get(i).rejected());
                    }
                }
            }
        }
        StringBuilder queues = new StringBuilder(base.name() + ": queues from");
        StringBuilder rejects = new StringBuilder("; rejects from");
        for (var m : modes.entrySet()) {
            int[] on = onsets(m.getValue());
            queues.append(' ').append(rate(on[0])).append("/s ").append(m.getKey()).append(',');
            rejects.append(' ').append(rate(on[1])).append("/s ").append(m.getKey()).append(',');
        }
        System.out.println(queues.substring(0, queues.length() - 1) + rejects.substring(0, rejects.length() - 1));
    }

    private static String rate(int r) {
        return r < 0 ? "(never)" : Integer.toString(r);
    }

    /** One ladder step at the entry service: mean queue_length and the share of requests rejected. */
    record StepStats(int rate, double queue, double rejected) {}

    /** {first rate with mean queue_length >= 5, first rate with rejections >= 1 % of requests}, -1 if never. */
    static int[] onsets(List<StepStats> steps) {
        int queues = -1;
        int rejects = -1;
        for (StepStats s : steps) {
            if (queues < 0 && s.queue() >= 5) queues = s.rate();
            if (rejects < 0 && s.rejected() >= 0.01) rejects = s.rate();
        }
        return new int[] {queues, rejects};
    }

    static List<StepStats> steps(Path dataset, String service, int[] rates, Duration step) throws Exception {
        Instant start = Instant.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(dataset.resolve("manifest.json").toFile()).get("start").asText());
        double[] queue = new double[rates.length];
        int[] queueN = new int[rates.length];
        double[] requests = new double[rates.length];
        double[] rejected = new double[rates.length];
        try (BufferedReader in = Files.newBufferedReader(dataset.resolve("metrics.csv"))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                if (!f[1].equals(service)) continue;
                long at = Duration.between(start, Instant.parse(f[0])).toNanos();
                int i = (int) (at / step.toNanos());
                if (i < 0 || i >= rates.length) continue;
                double v = Double.parseDouble(f[4]);
                switch (f[3]) {
                    case "queue_length" -> {
                        queue[i] += v;
                        queueN[i]++;
                    }
                    case "requests" -> requests[i] += v;
                    case "rejections" -> rejected[i] += v;
                    default -> { }
                }
            }
        }
        List<StepStats> out = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            out.add(new StepStats(rates[i], queueN[i] == 0 ? 0 : queue[i] / queueN[i], requests[i] == 0 ? 0 : rejected[i] / requests[i]));
        }
        return out;
    }
}
