package dev.microsim.detector.bench;

import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.pipeline.NabDetector;
import dev.microsim.detector.pipeline.NabRun;
import dev.microsim.detector.pipeline.Progress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The NAB detector's settings side by side on the full corpus (standard profile, optimised
 * threshold): how the committed defaults were chosen. Usage: {@code NabVariants NAB_DIR}.
 */
public final class NabVariants {

    public static void main(String[] args) throws Exception {
        NabDirectory directory = NabDirectory.open(Path.of(args[0]));
        NabDetector.Settings[] variants = {
                NabDetector.Settings.defaults(),
                new NabDetector.Settings(0.15, 5, 400, 0.05, true, false),
                new NabDetector.Settings(0.15, 5, 400, 0.10, true, false),
                new NabDetector.Settings(0.15, 5, 400, 0.20, true, false),
                new NabDetector.Settings(0.15, 5, 400, 0.15, false, false),
                new NabDetector.Settings(0.15, 5, 400, 0.15, true, true),
        };
        for (NabDetector.Settings settings : variants) {
            Path results = Files.createTempDirectory("nab-variant");
            NabDetector detector = new NabDetector(settings);
            new NabRun("v", detector::score).run(directory, results, Progress.NONE);
            NabCorpus corpus = directory.readResults(results, "v");
            System.out.printf("%s: standard %.2f, low FP %.2f, low FN %.2f%n", settings,
                    new NabBenchmark(NabProfile.STANDARD).scoreWithOptimizedThreshold(corpus).normalizedScore(),
                    new NabBenchmark(NabProfile.REWARD_LOW_FP_RATE).scoreWithOptimizedThreshold(corpus).normalizedScore(),
                    new NabBenchmark(NabProfile.REWARD_LOW_FN_RATE).scoreWithOptimizedThreshold(corpus).normalizedScore());
            NabBench.deleteTree(results);
        }
    }
}
