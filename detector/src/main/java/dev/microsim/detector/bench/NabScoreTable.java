package dev.microsim.detector.bench;

import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.nab.NabSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * One detector's scores on NAB's files, kept in memory, and their NAB scores with the optimised
 * threshold: on the whole corpus, or on a part of it (the split-half check: settings chosen on one
 * half, reported on the other). Longest files first, so parallel runs finish together.
 */
final class NabScoreTable {

    private final Map<String, double[]> scores;

    private NabScoreTable(Map<String, double[]> scores) {
        this.scores = scores;
    }

    static NabScoreTable run(List<NabSeries> series, Function<double[], double[]> detector, int threads) {
        List<NabSeries> longestFirst = new ArrayList<>(series);
        longestFirst.sort(Comparator.comparingInt((NabSeries s) -> s.values().length).reversed());
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            Map<String, double[]> computed = pool.submit(() -> longestFirst.parallelStream()
                    .collect(java.util.stream.Collectors.toConcurrentMap(NabSeries::name, s -> detector.apply(s.values())))).get();
            Map<String, double[]> ordered = new LinkedHashMap<>();
            series.forEach(s -> ordered.put(s.name(), computed.get(s.name())));
            return new NabScoreTable(ordered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Scores computed elsewhere, per file name. */
    static NabScoreTable of(Map<String, double[]> scores) {
        return new NabScoreTable(new LinkedHashMap<>(scores));
    }

    double[] of(String file) {
        return scores.get(file);
    }

    NabResult score(List<NabSeries> part, NabProfile profile) {
        return new NabBenchmark(profile).scoreWithOptimizedThreshold(corpus(part));
    }

    /** The score of {@code part} at a threshold chosen elsewhere. */
    NabResult scoreAt(List<NabSeries> part, NabProfile profile, double threshold) {
        return new NabBenchmark(profile).score(corpus(part), threshold);
    }

    private NabCorpus corpus(List<NabSeries> part) {
        return NabCorpus.of("variant", part.stream().map(s -> s.scored(scores.get(s.name()))).toList());
    }

    /** Two halves, alternating within each category in name order: every kind of file on both sides. */
    static List<List<NabSeries>> halves(List<NabSeries> series) {
        List<NabSeries> sorted = new ArrayList<>(series);
        sorted.sort(Comparator.comparing(NabSeries::name));
        List<NabSeries> a = new ArrayList<>();
        List<NabSeries> b = new ArrayList<>();
        String category = null;
        int index = 0;
        for (NabSeries s : sorted) {
            String c = s.name().substring(0, s.name().indexOf('/'));
            if (!c.equals(category)) {
                category = c;
                index = 0;
            }
            (index++ % 2 == 0 ? a : b).add(s);
        }
        return List.of(a, b);
    }
}
