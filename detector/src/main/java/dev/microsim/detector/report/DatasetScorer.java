package dev.microsim.detector.report;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Series;
import dev.microsim.detector.io.Predictions;
import dev.microsim.detector.metrics.LabelledSeries;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.metrics.SeriesScorer;
import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabFile;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Scores a detector's predictions on a dataset: every detection metric per predicted series, and
 * the NAB score over those series with one threshold for the whole dataset per profile (the user's,
 * 0.5 for 0/1 predictions, else the NAB-optimised one).
 */
public final class DatasetScorer {

    private final SeriesScorer seriesScorer = new SeriesScorer();

    public DetectionReport score(Dataset dataset, Predictions predictions, OptionalDouble threshold) {
        List<SeriesScore> scores = new ArrayList<>();
        List<NabFile> nabFiles = new ArrayList<>();
        boolean binary = true;
        for (Series series : dataset.series()) {
            double[] predicted = predictions.scoresBySeries().get(series.name());
            if (predicted == null) {
                continue;
            }
            LabelledSeries labelled = series.labelled();
            SeriesScore score = seriesScorer.score(labelled, predicted, threshold);
            binary &= score.thresholdSource() == dev.microsim.detector.metrics.ThresholdSource.BINARY;
            scores.add(score);
            nabFiles.add(new NabFile(series.name(), predicted, labelled.events()));
        }
        NabCorpus corpus = NabCorpus.of("detector", nabFiles);
        List<NabResult> nab = new ArrayList<>();
        for (NabProfile profile : NabProfile.official()) {
            NabBenchmark benchmark = new NabBenchmark(profile);
            double nabThreshold = threshold.isPresent() ? threshold.getAsDouble()
                    : binary ? 0.5 : benchmark.optimizeThreshold(corpus).threshold();
            nab.add(benchmark.score(corpus, nabThreshold));
        }
        return new DetectionReport(scores, nab);
    }

    /** Convenience for callers holding aligned arrays already. */
    public DetectionReport score(Dataset dataset, Map<String, double[]> scoresBySeries, OptionalDouble threshold) {
        return score(dataset, new Predictions(scoresBySeries), threshold);
    }
}
