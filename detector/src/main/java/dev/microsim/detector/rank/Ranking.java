package dev.microsim.detector.rank;

import java.util.List;

/** A ranker's answer for one incident: candidates, most likely first, and notes on what it could not use. */
public record Ranking(String ranker, List<Candidate> candidates, List<String> notes) {

    public Ranking {
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }

    public List<String> services() {
        return candidates.stream().map(Candidate::service).toList();
    }
}
