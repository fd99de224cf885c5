package dev.microsim.bench;

import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.units.Rate;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Live against fast mode, side by side in one run, on a shipped scenario:
 *
 * <ol>
 *   <li>moderate load (the scenario's own load, its faults removed): per-service rps (goal within 5 %)
 *       and per-endpoint p50/p95 server latency (goal within 15 %), pooled from the spans of a steady
 *       window;</li>
 *   <li>overload: one entrypoint driven by rising steps of offered rate; for each mode the first step at
 *       which the entry service queues (mean queue_length &gt;= 5) and the first at which it rejects
 *       (rejections &gt;= 1 % of requests) (goal: the same offered rate within 15 %).</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -Xmx3g -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.CalibrationBench \
 *     scenarios/online-boutique.yaml "frontend GET /product" [seconds] [load: gatling|builtin]
 * </pre>
 */
public final class CalibrationBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        EndpointRef overloadTarget = EndpointRef.parse(args[1]);
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 90;
        String load = args.length > 3 ? args[3] : "gatling";
        Scenario base = Scenarios.parser().parse(file).orThrow();
        Path dir = Files.createTempDirectory("calibration");
        try {
            moderate(base, Duration.ofSeconds(seconds), load, dir);
            overload(base, overloadTarget, load, dir);
        } finally {
            MeshThroughputBench.deleteTree(dir);
        }
    }

    static void moderate(Scenario base, Duration duration, String load, Path dir) throws Exception {
        Scenario s = new Scenario(1, base.name(), "", base.seed(), duration, base.interval(), base.services(), base.load(), List.of());
        System.out.printf("== %s, moderate load (%s, %s), faults removed%n", base.name(), duration, load);
        Calibration.live(s, dir.resolve("live"), load);
        Calibration.fast(s, dir.resolve("fast"));
        Duration skip = Duration.ofSeconds(Math.min(20, duration.toSeconds() / 4));
        Duration tail = Duration.ofSeconds(5);
        var live = Calibration.read(dir.resolve("live"), duration, skip, tail);
        var fast = Calibration.read(dir.resolve("fast"), duration, skip, tail);
        int rpsOk = 0;
        int rpsAll = 0;
        int latOk = 0;
        int latAll = 0;
        System.out.println("| series | live | fast | fast/live |");
        System.out.println("|---|---|---|---|");
        for (Calibration.Row r : Calibration.compare(live, fast, 30)) {
            boolean rps = r.what().endsWith(" rps");
            boolean ok = r.within(rps ? 0.05 : 0.15);
            if (rps) {
                rpsAll++;
                if (ok) rpsOk++;
            } else {
                latAll++;
                if (ok) latOk++;
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f%s |%n", r.what(), r.live(), r.fast(), r.ratio(), ok ? "" : " *");
        }
        System.out.printf("%s: per-service rps within 5%%: %d of %d; per-endpoint p50/p95 within 15%%: %d of %d (* outside)%n",
                base.name(), rpsOk, rpsAll, latOk, latAll);
    }

    static void overload(Scenario base, EndpointRef target, String load, Path dir) throws Exception {
        List<LoadProfile.Steps.Stage> stages = new ArrayList<>();
        Duration step = Duration.ofSeconds(8);
        int[] rates = {20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 240, 280, 320};
        for (int r : rates) stages.add(new LoadProfile.Steps.Stage(Rate.perSecond(r), step));
        Duration duration = step.multipliedBy(rates.length);
        Scenario s = new Scenario(1, base.name() + "-overload", "", base.seed(), duration, base.interval(), base.services(),
                List.of(LoadSpec.of("steps", new LoadProfile.Steps(stages), target)), List.of());
        System.out.printf("== %s, overload: %s at %s/s, %s each (%s)%n", base.name(), target, java.util.Arrays.toString(rates), step, load);
        Calibration.live(s, dir.resolve("live-overload"), load);
        Calibration.fast(s, dir.resolve("fast-overload"));
        int[] live = onsets(dir.resolve("live-overload"), target.service(), rates, step);
        int[] fast = onsets(dir.resolve("fast-overload"), target.service(), rates, step);
        System.out.printf(Locale.ROOT, "%s: queues from %s/s live, %s/s fast; rejects from %s/s live, %s/s fast%n", base.name(),
                rate(live[0]), rate(fast[0]), rate(live[1]), rate(fast[1]));
    }

    private static String rate(int r) {
        return r < 0 ? "(never)" : Integer.toString(r);
    }

    /** {first rate with mean queue_length >= 5, first rate with rejections >= 1 % of requests} for {@code service}, -1 if never. */
    static int[] onsets(Path dataset, String service, int[] rates, Duration step) throws Exception {
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
        int queues = -1;
        int rejects = -1;
        for (int i = 0; i < rates.length; i++) {
            if (queues < 0 && queueN[i] > 0 && queue[i] / queueN[i] >= 5) queues = rates[i];
            if (rejects < 0 && requests[i] > 0 && rejected[i] / requests[i] >= 0.01) rejects = rates[i];
        }
        return new int[] {queues, rejects};
    }
}
