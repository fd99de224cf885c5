package dev.microsim.detector.incident;

import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.ServiceScore;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.TimeGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in detection pipeline's output as an anomaly source, read one of two ways: its
 * decisions (a service is anomalous at a bin inside one of its episodes, {@link ServiceScore#alarmAt}),
 * or its scores (the service's score at the bin is at least {@code scoreAtLeast}, there and in a
 * neighbouring bin, as {@link RobustAnomalies} asks; a score of 1 is on some series' alarm line).
 * The second leaves the grouping to the incident detector's own persistence and merge rules,
 * where the pipeline's episodes, tuned for detection, may run across consecutive faults.
 */
public final class PipelineAnomalies implements ServiceAnomalies {

    private final DetectionResult result;
    private final double scoreAtLeast;

    private PipelineAnomalies(DetectionResult result, double scoreAtLeast) {
        this.result = result;
        this.scoreAtLeast = scoreAtLeast;
    }

    /** Anomalous inside the pipeline's service episodes. */
    public static PipelineAnomalies episodes(DetectionResult result) {
        return new PipelineAnomalies(result, Double.NaN);
    }

    /** Anomalous where the pipeline's service score is at least {@code threshold} for two bins. */
    public static PipelineAnomalies scoresAtLeast(DetectionResult result, double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold: must be > 0, was " + threshold);
        }
        return new PipelineAnomalies(result, threshold);
    }

    @Override
    public String description() {
        return Double.isNaN(scoreAtLeast) ? "the built-in detection pipeline's service episodes"
                : "the built-in detection pipeline's service scores >= " + scoreAtLeast + " for two bins";
    }

    @Override
    public List<Set<String>> anomalousByBin(Observations observations) {
        TimeGrid grid = observations.grid();
        List<Set<String>> anomalous = new ArrayList<>();
        for (int b = 0; b < grid.bins(); b++) {
            anomalous.add(new HashSet<>());
        }
        for (ServiceScore s : result.services()) {
            boolean[] hit = new boolean[grid.bins()];
            for (int b = 0; b < grid.bins(); b++) {
                hit[b] = Double.isNaN(scoreAtLeast) ? s.alarmAt(grid.millis(b)) : scoreAt(s, grid.millis(b)) >= scoreAtLeast;
            }
            for (int b = 0; b < grid.bins(); b++) {
                boolean neighbour = (b > 0 && hit[b - 1]) || (b + 1 < hit.length && hit[b + 1]);
                if (hit[b] && (Double.isNaN(scoreAtLeast) || neighbour)) {
                    anomalous.get(b).add(s.service());
                }
            }
        }
        return anomalous;
    }

    /** The score at the last instant at or before {@code epochMilli} (NaN before the data). */
    private static double scoreAt(ServiceScore s, long epochMilli) {
        int i = Arrays.binarySearch(s.epochMillis(), epochMilli);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 ? s.scores()[i] : Double.NaN;
    }
}
