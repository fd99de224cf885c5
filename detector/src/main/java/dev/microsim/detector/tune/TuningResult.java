package dev.microsim.detector.tune;

import dev.microsim.detector.detect.Params;
import java.util.List;

/**
 * What a tuning run learnt: the best parameters and their F, and per episode the F after every
 * step and how many evaluations it took to reach the target (-1: not reached).
 */
public record TuningResult(Params best, double bestF, double startF, List<double[]> fByEpisode, List<Integer> iterationsToTarget) {

    public TuningResult {
        fByEpisode = List.copyOf(fByEpisode);
        iterationsToTarget = List.copyOf(iterationsToTarget);
    }

    /** Mean evaluations to reach the target over the episodes that reached it; NaN if none did. */
    public double meanIterationsToTarget() {
        return iterationsToTarget.stream().filter(i -> i >= 0).mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    public long episodesReachingTarget() {
        return iterationsToTarget.stream().filter(i -> i >= 0).count();
    }
}
