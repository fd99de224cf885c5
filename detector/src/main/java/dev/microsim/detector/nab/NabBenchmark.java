package dev.microsim.detector.nab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The NAB benchmark procedure for one profile, as numenta/NAB's runner does it: one threshold per
 * detector chosen over the whole corpus, then each file scored at that threshold, then the total
 * normalised between the null detector (never alarms) and the perfect detector (one alarm at the
 * start of every window).
 */
public final class NabBenchmark {

    private final NabSweeper sweeper;

    public NabBenchmark(NabSweeper sweeper) {
        this.sweeper = sweeper;
    }

    public NabBenchmark(NabProfile profile) {
        this(new NabSweeper(profile));
    }

    public NabProfile profile() {
        return sweeper.profile();
    }

    /**
     * The threshold with the highest pooled raw score (NAB's {@code optimizer.py}: a sweep over every
     * distinct anomaly score); on a tie the higher threshold wins, as Python's {@code max} keeps the first.
     */
    public ThresholdScore optimizeThreshold(NabCorpus corpus) {
        return sweeper.scoresByThreshold(corpus.files()).stream()
                .max(Comparator.comparingDouble(ThresholdScore::score).thenComparing(
                        ThresholdScore::threshold))
                .orElseThrow();
    }

    public NabResult score(NabCorpus corpus, double threshold) {
        List<NabResult.FileScore> files = new ArrayList<>();
        double raw = 0;
        double nullScore = 0;
        for (NabFile file : corpus.files()) {
            ThresholdScore score = sweeper.scoreAt(file, threshold);
            files.add(new NabResult.FileScore(file.name(), score));
            raw += score.score();
            nullScore += sweeper.scoreAt(file, Double.POSITIVE_INFINITY).score();
        }
        double perfect = corpus.labelledWindows() * profile().tpWeight();
        return new NabResult(profile(), threshold, raw, nullScore, perfect, files);
    }

    public NabResult scoreWithOptimizedThreshold(NabCorpus corpus) {
        return score(corpus, optimizeThreshold(corpus).threshold());
    }
}
