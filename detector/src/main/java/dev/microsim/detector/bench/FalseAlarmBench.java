package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.pipeline.SeriesVerdict;
import dev.microsim.detector.pipeline.ServiceEpisode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a configuration's false alarms come from, on <em>training</em> runs (the scorer's side: it
 * reads the labels after the detector ran). Every false episode is listed with its service, the
 * series that opened it (its class and detector), its length, and where it fell: during a fault that
 * did not touch its service, in the tail after a fault touching it (up to 60 s after its end), or in
 * quiet time; then counts per place, per metric, per class and per service. Usage:
 * {@code FalseAlarmBench [--config builtin] DATASET_DIR...}
 */
public final class FalseAlarmBench {

    public static void main(String[] args) throws Exception {
        String config = "builtin";
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                config = args[++i];
            } else {
                dirs.add(Path.of(args[i]));
            }
        }
        DetectionPipeline pipeline = EvalConfigs.pipeline(config);
        FaultEval eval = new FaultEval();
        record Row(String run, String service, String place, String metric, String seriesClass, String detector, long seconds,
                   int involved, double peak) {
        }
        List<Row> rows = new ArrayList<>();
        for (Path dir : dirs) {
            Dataset dataset = new MicroSimDatasetReader().read(dir);
            DetectionResult result = pipeline.run(dataset.telemetry(), Progress.NONE);
            Map<String, SeriesVerdict> verdicts = result.series().stream().collect(Collectors.toMap(SeriesVerdict::series, v -> v));
            long runStart = dataset.telemetry().metrics().stream().mapToLong(m -> m.epochMillis()[0]).min().orElse(0);
            FaultEval.Counts total = eval.total(dataset, result);
            System.out.printf("%s: %d/%d faults, %d/%d episodes true%n", dir.getFileName(), total.detected(), total.faults(),
                    total.trueEpisodes(), total.episodes());
            for (Fault f : dataset.faults()) {
                if (result.episodes().stream().noneMatch(e -> eval.hits(e, f))) {
                    System.out.printf("  MISSED %s at +%ds%n", f.id(), (f.window().start().toEpochMilli() - runStart) / 1000);
                }
            }
            result.series().stream().sorted(Comparator.comparingLong((SeriesVerdict v) -> -alarmed(v))).limit(12).forEach(v ->
                    System.out.printf("  series %-50s %-12s %-12s %4d alarmed points, first at +%ds, max %.3g%n", v.series(), v.seriesClass(),
                            v.detector(), alarmed(v), v.alarms().isEmpty() ? -1 : (v.alarms().get(0).startMillis() - runStart) / 1000,
                            Arrays.stream(v.scores()).max().orElse(0)));
            for (ServiceEpisode e : result.episodes()) {
                if (dataset.faults().stream().anyMatch(f -> eval.hits(e, f))) {
                    continue;
                }
                SeriesVerdict v = verdicts.get(e.responsibleSeries());
                String place = place(e, dataset.faults());
                Row row = new Row(dir.getFileName().toString(), e.service(), place, metricOf(e.responsibleSeries()),
                        v == null ? "service-detector" : v.seriesClass().replaceAll("\\(\\d+\\)", ""),
                        v == null ? "-" : v.detector(), (e.endMillis() - e.onsetMillis()) / 1000 + 1, e.seriesInvolved().size(),
                        e.peakScore());
                rows.add(row);
                System.out.printf("  FALSE +%4ds %3ds %-16s %-44s %-12s %-12s involved %2d peak %.1f  %s%n",
                        (e.onsetMillis() - runStart) / 1000, row.seconds(), e.service(), e.responsibleSeries(), row.seriesClass(),
                        row.detector(), row.involved(), row.peak(), place);
            }
        }
        System.out.println("false episodes: " + rows.size());
        List<Function<Row, String>> keys = List.of(r -> "place " + r.place().replaceAll(" .*", ""), r -> "metric " + r.metric(),
                r -> "class " + r.seriesClass() + " / " + r.detector(), r -> "service " + r.run().replaceAll("-eval.*", "") + "/" + r.service(),
                r -> "length " + (r.seconds() < 20 ? "<20s" : r.seconds() < 40 ? "20-39s" : ">=40s"));
        for (Function<Row, String> key : keys) {
            Map<String, Long> counts = new TreeMap<>();
            rows.forEach(r -> counts.merge(key.apply(r), 1L, Long::sum));
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(c -> System.out.printf("  %-50s %d%n", c.getKey(), c.getValue()));
        }
    }

    /** During another service's fault, in a tail after a fault of this service, or in quiet time. */
    private static String place(ServiceEpisode e, List<Fault> faults) {
        List<Fault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparing(f -> f.window().start()));
        for (Fault f : sorted) {
            long start = f.window().start().toEpochMilli();
            long end = f.window().end().toEpochMilli();
            boolean touches = f.affected().contains(e.service()) || f.rootCauses().contains(e.service());
            if (touches && e.onsetMillis() > end && e.onsetMillis() <= end + 60_000) {
                return "tail of " + f.id() + " (+" + (e.onsetMillis() - end) / 1000 + "s after its end)";
            }
            if (!touches && e.onsetMillis() <= end + 10_000 && e.endMillis() >= start) {
                return "during " + f.id() + " (not affected)";
            }
        }
        return "quiet";
    }

    private static long alarmed(SeriesVerdict v) {
        return Arrays.stream(v.scores()).filter(x -> x >= 1).count();
    }

    private static String metricOf(String series) {
        return series.substring(series.lastIndexOf('/') + 1);
    }
}
