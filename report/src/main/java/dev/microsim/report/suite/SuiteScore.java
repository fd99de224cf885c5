package dev.microsim.report.suite;

import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.report.DetectionReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leaderboard of a suite: per entrant its detection scores pooled over every case (as if the
 * cases were one dataset: one NAB threshold per profile for the corpus) and per fault kind, and its
 * ranking scores over every fault of every case, overall and per kind.
 */
public record SuiteScore(String suite, int cases, List<String> unfinished, List<EntrantScore> entrants) {

    public SuiteScore {
        unfinished = List.copyOf(unfinished);
        entrants = List.copyOf(entrants);
    }

    public record EntrantScore(String name, String description, int casesWithPredictions, int casesWithoutPredictions, int casesWithRanking,
                               Optional<DetectionReport> detection, Map<String, DetectionReport> detectionByKind,
                               Optional<RcaScore> rca) {
        public EntrantScore {
            detectionByKind = Map.copyOf(detectionByKind);
        }
    }
}
