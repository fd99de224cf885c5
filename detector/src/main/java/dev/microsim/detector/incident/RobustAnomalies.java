package dev.microsim.detector.incident;

import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.TimeGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MicroSim's own anomaly source for incidents ({@link AnomalyTimeline}): a service is anomalous at a
 * bin when one of its detection signals scores at least {@code threshold} against its trailing
 * {@code history} (ending {@code guard} before the bin, so a slow onset does not hide itself), there
 * and in a neighbouring bin (a one-bin spike, a GC pause or a scheduling hiccup on a shared
 * machine, is not an incident). Defaults chosen on the seed-1 runs only.
 */
public record RobustAnomalies(Duration history, Duration guard, double threshold) implements ServiceAnomalies {

    private static final double CAP = 100;

    public RobustAnomalies {
        List<String> problems = new ArrayList<>();
        if (history == null || history.compareTo(Duration.ofSeconds(10)) < 0) {
            problems.add("history: must be at least 10s, was " + history);
        }
        if (guard == null || guard.isNegative()) {
            problems.add("guard: must be >= 0, was " + guard);
        }
        if (!(threshold > 0)) {
            problems.add("threshold: must be > 0, was " + threshold);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static RobustAnomalies defaults() {
        return new RobustAnomalies(Duration.ofSeconds(120), Duration.ofSeconds(5), 12);
    }

    @Override
    public String description() {
        return "robust z of golden signals against a trailing " + history.toSeconds() + " s history >= " + threshold + " for two bins";
    }

    @Override
    public List<Set<String>> anomalousByBin(Observations observations) {
        TimeGrid grid = observations.grid();
        int historyBins = grid.binsFor(history.toMillis());
        int guardBins = guard.isZero() ? 0 : grid.binsFor(guard.toMillis());
        AnomalyTimeline timeline = new AnomalyTimeline(observations, historyBins, guardBins, CAP);
        List<Set<String>> anomalous = new ArrayList<>();
        for (int b = 0; b < grid.bins(); b++) {
            Set<String> set = new HashSet<>();
            for (String s : timeline.services()) {
                double[] z = timeline.scores(s);
                boolean here = z[b] >= threshold;
                boolean neighbour = (b > 0 && z[b - 1] >= threshold) || (b + 1 < z.length && z[b + 1] >= threshold);
                if (here && neighbour) {
                    set.add(s);
                }
            }
            anomalous.add(set);
        }
        return anomalous;
    }
}
