package dev.microsim.detector.rank;

import java.util.List;

/** A suspected root cause: the service, its score (higher is more likely) and why. */
public record Candidate(String service, double score, List<Evidence> evidence) {

    public Candidate {
        evidence = List.copyOf(evidence);
    }

    /** One line: the strongest reason first. */
    public String explanation() {
        if (evidence.isEmpty()) {
            return "no anomalous signal";
        }
        StringBuilder text = new StringBuilder();
        for (Evidence e : evidence) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(e.why()).append(String.format(java.util.Locale.ROOT, " (%s, z=%.1f, from %s)", e.signal(), e.score(), e.onset()));
        }
        return text.toString();
    }
}
