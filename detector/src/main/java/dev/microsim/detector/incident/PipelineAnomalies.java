package dev.microsim.detector.incident;

import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.ServiceScore;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.TimeGrid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in detection pipeline's decisions as an anomaly source: a service is anomalous at a bin
 * when the pipeline has it inside one of its episodes ({@link ServiceScore#alarmAt}).
 */
public final class PipelineAnomalies implements ServiceAnomalies {

    private final DetectionResult result;

    public PipelineAnomalies(DetectionResult result) {
        this.result = result;
    }

    @Override
    public String description() {
        return "the built-in detection pipeline's service episodes";
    }

    @Override
    public List<Set<String>> anomalousByBin(Observations observations) {
        TimeGrid grid = observations.grid();
        List<Set<String>> anomalous = new ArrayList<>();
        for (int b = 0; b < grid.bins(); b++) {
            Set<String> set = new HashSet<>();
            for (ServiceScore s : result.services()) {
                if (s.alarmAt(grid.millis(b))) {
                    set.add(s.service());
                }
            }
            anomalous.add(set);
        }
        return anomalous;
    }
}
