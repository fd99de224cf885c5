package dev.microsim.report.suite;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.dataset.Series;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.Predictions;
import dev.microsim.detector.io.PredictionsReader;
import dev.microsim.detector.rca.RankingReader;
import dev.microsim.detector.rca.RcaScorer;
import dev.microsim.detector.report.DatasetScorer;
import dev.microsim.detector.report.DetectionReport;
import dev.microsim.detector.telemetry.Telemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Scores entrants over the finished cases of a suite with the same scorer as {@code microsim
 * score}: the cases are joined into one dataset whose series and faults are prefixed with the
 * case id ({@code <case id>:<series>}, {@code <case id>/<fault id>}), so pooling, the NAB
 * threshold and AC@k are computed once over the whole suite, and again per fault kind.
 */
public final class SuiteScorer {

    private final OptionalDouble threshold;

    public SuiteScorer(OptionalDouble threshold) {
        this.threshold = threshold;
    }

    /** One case read once, shared by every entrant. */
    private record CaseData(SuiteCaseInfo info, Dataset dataset) {
    }

    public SuiteScore score(SuiteDirectory suite, List<Entrant> entrants) throws InputException {
        List<CaseData> cases = new ArrayList<>();
        for (SuiteCaseInfo c : suite.finished()) {
            cases.add(new CaseData(c, new MicroSimDatasetReader().read(c.dir())));
        }
        List<String> unfinished = suite.unfinished().stream().map(SuiteCaseInfo::id).toList();
        List<SuiteScore.EntrantScore> scores = new ArrayList<>();
        for (Entrant entrant : entrants) {
            scores.add(score(entrant, cases));
        }
        return new SuiteScore(suite.suite(), suite.cases().size(), unfinished, scores);
    }

    private SuiteScore.EntrantScore score(Entrant entrant, List<CaseData> cases) throws InputException {
        Map<String, List<CaseData>> predictedByKind = new TreeMap<>();
        List<CaseData> predicted = new ArrayList<>();
        Map<String, double[]> scores = new HashMap<>();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        int withRanking = 0;
        for (CaseData c : cases) {
            Optional<Path> file = entrant.predictions(c.info());
            if (file.isPresent()) {
                Predictions p = new PredictionsReader().read(file.get(), c.dataset());
                p.scoresBySeries().forEach((series, values) -> scores.put(c.info().id() + ":" + series, values));
                predicted.add(c);
                predictedByKind.computeIfAbsent(c.info().kind(), k -> new ArrayList<>()).add(c);
            }
            Optional<Path> ranking = entrant.ranking(c.info());
            if (ranking.isPresent()) {
                withRanking++;
                new RankingReader().read(ranking.get(), c.dataset().faults())
                        .forEach((fault, services) -> rankings.put(c.info().id() + "/" + fault, services));
            }
        }
        Optional<DetectionReport> detection = Optional.empty();
        Map<String, DetectionReport> byKind = new LinkedHashMap<>();
        if (!predicted.isEmpty()) {
            DatasetScorer scorer = new DatasetScorer();
            detection = Optional.of(scorer.score(joined(predicted), new Predictions(scores), threshold));
            for (Map.Entry<String, List<CaseData>> kind : predictedByKind.entrySet()) {
                byKind.put(kind.getKey(), scorer.score(joined(kind.getValue()), new Predictions(scores), threshold));
            }
        }
        List<Fault> faults = new ArrayList<>();
        for (CaseData c : cases) {
            for (Fault f : c.dataset().faults()) {
                faults.add(new Fault(c.info().id() + "/" + f.id(), f.kind(), f.window(), f.rootCauses(), f.affected()));
            }
        }
        var rca = withRanking == 0 ? Optional.<dev.microsim.detector.rca.RcaScore>empty() : Optional.of(new RcaScorer().score(faults, rankings));
        return new SuiteScore.EntrantScore(entrant.name(), entrant.description(), predicted.size(), cases.size() - predicted.size(), withRanking,
                detection, byKind, rca);
    }

    /** The cases as one dataset, series and faults renamed apart by case id. */
    private static Dataset joined(List<CaseData> cases) {
        List<Series> series = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        for (CaseData c : cases) {
            for (Series s : c.dataset().series()) {
                series.add(new Series(c.info().id() + ":" + s.name(), s.service(), s.epochMillis(), s.values(), s.anomalyWindows()));
            }
            for (Fault f : c.dataset().faults()) {
                faults.add(new Fault(c.info().id() + "/" + f.id(), f.kind(), f.window(), f.rootCauses(), f.affected()));
            }
        }
        return new Dataset("suite", Telemetry.metricsOnly("suite", List.of()), series, faults);
    }
}
