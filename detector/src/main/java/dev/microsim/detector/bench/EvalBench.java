package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.pipeline.DetectionPipeline;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-wise precision, recall and F1 of the built-in pipeline and of each single detector on
 * labelled MicroSim runs, per fault kind, side by side. Usage:
 * {@code EvalBench [--configs builtin,ewma,...] DATASET_DIR...}. The detectors get the telemetry
 * only; {@link FaultEval} joins their episodes with the labels afterwards.
 */
public final class EvalBench {

    public static void main(String[] args) throws Exception {
        List<String> configs = new ArrayList<>(EvalConfigs.names());
        List<Path> datasets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--configs")) {
                configs = List.of(args[++i].split(","));
            } else {
                datasets.add(Path.of(args[i]));
            }
        }
        List<Dataset> loaded = new ArrayList<>();
        for (Path dir : datasets) {
            loaded.add(new MicroSimDatasetReader().read(dir));
        }
        FaultEval eval = new FaultEval();
        Map<String, Map<String, FaultEval.Counts>> table = new LinkedHashMap<>();
        for (String config : configs) {
            DetectionPipeline pipeline = EvalConfigs.pipeline(config);
            Map<String, FaultEval.Counts> byKind = new TreeMap<>();
            long start = System.nanoTime();
            List<String> perRun = new ArrayList<>();
            for (Dataset dataset : loaded) {
                DetectionResult result = pipeline.run(dataset.telemetry(), Progress.NONE);
                Map<String, FaultEval.Counts> counts = eval.byKind(dataset, result);
                counts.forEach((k, c) -> byKind.merge(k, c, FaultEval.Counts::plus));
                FaultEval.Counts run = counts.values().stream().reduce(new FaultEval.Counts(0, 0, 0, 0), FaultEval.Counts::plus);
                double hours = hours(dataset);
                perRun.add(String.format("    %-28s %d/%d faults, %d false episodes in %.2f h (%.1f per hour)",
                        Path.of(dataset.source()).getFileName(), run.detected(), run.faults(), run.episodes() - run.trueEpisodes(), hours,
                        (run.episodes() - run.trueEpisodes()) / hours));
            }
            table.put(config, byKind);
            FaultEval.Counts all = byKind.values().stream().reduce(new FaultEval.Counts(0, 0, 0, 0), FaultEval.Counts::plus);
            System.out.printf("%-18s F1 %.3f  P %.3f  R %.3f  (%d/%d faults, %d/%d episodes true) %d ms%n", config, all.f1(),
                    all.precision(), all.recall(), all.detected(), all.faults(), all.trueEpisodes(), all.episodes(),
                    (System.nanoTime() - start) / 1_000_000);
            perRun.forEach(System.out::println);
        }
        printPerKind(table);
    }

    private static double hours(Dataset dataset) {
        long first = dataset.telemetry().metrics().stream().mapToLong(m -> m.epochMillis()[0]).min().orElse(0);
        long last = dataset.telemetry().metrics().stream().mapToLong(m -> m.epochMillis()[m.size() - 1]).max().orElse(0);
        return (last - first) / 3_600_000.0;
    }

    static void printPerKind(Map<String, Map<String, FaultEval.Counts>> table) {
        List<String> kinds = table.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
        StringBuilder header = new StringBuilder(String.format("%-18s", "kind (F1 / P / R)"));
        table.keySet().forEach(c -> header.append(String.format(" | %-17s", c)));
        System.out.println(header);
        for (String kind : kinds) {
            StringBuilder row = new StringBuilder(String.format("%-18s", kind));
            for (Map<String, FaultEval.Counts> byKind : table.values()) {
                FaultEval.Counts c = byKind.getOrDefault(kind, new FaultEval.Counts(0, 0, 0, 0));
                row.append(String.format(" | %4s %4s %4s    ", fmt(c.f1()), fmt(c.precision()), fmt(c.recall())));
            }
            System.out.println(row);
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }
}
