package dev.microsim.report;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** One labelled fault as the report shows it, with what the ranker said about it (if a ranking was given). */
record FaultView(String id, String kind, Instant start, Instant end, List<String> rootCauses, List<String> affected,
                 List<String> ranking, OptionalInt rank) {

    FaultView {
        rootCauses = List.copyOf(rootCauses);
        affected = List.copyOf(affected);
        ranking = List.copyOf(ranking);
    }

    List<String> top3() {
        return ranking.subList(0, Math.min(3, ranking.size()));
    }
}
