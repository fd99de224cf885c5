package dev.microsim.detector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.NabRun;
import dev.microsim.detector.pipeline.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in detector on NAB: runs it on every data file (values only), writes NAB-format
 * results to a temporary directory, and scores them with the corpus-wide optimised threshold per
 * profile, exactly as {@code microsim detect --nab} does.
 *
 * <p>Usage: {@code NabBench NAB_DIR [--files a.csv,b.csv] [--write-expected FILE]}. {@code --files}
 * scores a subset (a NAB directory of just those files); {@code --write-expected} records the
 * subset's scores for {@code NabBuiltInDetectorTest}, which recomputes them in CI.
 */
public final class NabBench {

    public static void main(String[] args) throws Exception {
        Path nab = Path.of(args[0]);
        List<String> files = null;
        Path expected = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> files = List.of(args[++i].split(","));
                case "--write-expected" -> expected = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("nab-bench");
        try {
            Path dir = files == null ? nab : subset(nab, files, work.resolve("nab"));
            long start = System.nanoTime();
            Map<String, NabResult> scores = run(dir, work.resolve("results"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            scores.forEach((profile, r) -> System.out.printf("%-20s %7.2f  (threshold %.6f)%n", profile, r.normalizedScore(), r.threshold()));
            System.out.printf("detect + score: %d ms%n", millis);
            if (expected != null) {
                ObjectNode root = new ObjectMapper().createObjectNode();
                root.put("files", String.join(",", files == null ? List.of() : files));
                scores.forEach((profile, r) -> root.put(profile, r.normalizedScore()));
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(expected.toFile(), root);
                System.out.println("wrote " + expected);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Runs the built-in detector on a NAB directory and scores it per profile with the optimised threshold. */
    public static Map<String, NabResult> run(Path nabDir, Path results) throws Exception {
        NabDirectory directory = NabDirectory.open(nabDir);
        new NabRun(BuiltInPipelines.NAB_DETECTOR_NAME, BuiltInPipelines.nabScorer()).run(directory, results, Progress.NONE);
        NabCorpus corpus = directory.readResults(results, BuiltInPipelines.NAB_DETECTOR_NAME);
        Map<String, NabResult> scores = new LinkedHashMap<>();
        for (NabProfile profile : directory.profiles()) {
            scores.put(profile.name(), new NabBenchmark(profile).scoreWithOptimizedThreshold(corpus));
        }
        return scores;
    }

    /** A NAB directory holding only these data files and their label windows. */
    public static Path subset(Path nab, List<String> files, Path into) throws IOException {
        ObjectMapper json = new ObjectMapper();
        var labels = json.readTree(nab.resolve("labels/combined_windows.json").toFile());
        ObjectNode kept = json.createObjectNode();
        List<String> missing = new ArrayList<>();
        for (String file : files) {
            if (!labels.has(file)) {
                missing.add(file);
                continue;
            }
            kept.set(file, labels.get(file));
            Path target = into.resolve("data").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(nab.resolve("data").resolve(file), target);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("not NAB data files: " + missing);
        }
        Files.createDirectories(into.resolve("labels"));
        json.writeValue(into.resolve("labels/combined_windows.json").toFile(), kept);
        return into;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
