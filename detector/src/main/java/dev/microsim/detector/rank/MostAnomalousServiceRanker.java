package dev.microsim.detector.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simplest sensible baseline: rank services by their single most anomalous signal (the robust
 * {@link ChangeScore}, every source, traffic excepted), with no idea of propagation.
 */
public final class MostAnomalousServiceRanker implements RootCauseRanker {

    @Override
    public String name() {
        return "most-anomalous";
    }

    @Override
    public String description() {
        return "most anomalous service: each service's highest robust z over all its signals (traffic excepted), no propagation";
    }

    @Override
    public Ranking rank(Observations observations, IncidentWindow window) {
        Map<String, Candidate> best = new HashMap<>();
        for (String service : observations.services()) {
            best.put(service, new Candidate(service, 0, List.of()));
        }
        for (Signal signal : observations.signals()) {
            if (signal.kind() == Signal.Kind.LOAD) {
                continue;
            }
            ChangeScore change = ChangeScore.of(signal, window);
            Candidate current = best.get(signal.service());
            if (current != null && change.score() > current.score()) {
                best.put(signal.service(), new Candidate(signal.service(), change.score(), List.of(new Evidence(signal.name(), change.score(),
                        observations.grid().instant(Math.max(window.onset(), change.onsetBin())), "its most anomalous signal"))));
            }
        }
        List<Candidate> candidates = new ArrayList<>(best.values());
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::service));
        return new Ranking(name(), candidates, observations.notes());
    }
}
