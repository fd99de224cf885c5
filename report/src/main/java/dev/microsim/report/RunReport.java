package dev.microsim.report;

import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.report.DetectionReport;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run's report shows, computed once and rendered twice (HTML page, Markdown summary).
 * Scorer side: it holds the labels. {@code detection}/{@code rca} are present when predictions or a
 * ranking were given; {@code graph} when the dataset has traces.
 */
record RunReport(RunInfo run, String source, TimeAxis axis, List<ServicePanel> services, List<FaultView> faults,
                 Optional<DetectionReport> detection, Optional<String> predictionsFile,
                 Optional<RcaScore> rca, Optional<String> rankingFile,
                 Optional<CallGraphView> graph, List<String> notes) {

    RunReport {
        services = List.copyOf(services);
        faults = List.copyOf(faults);
        notes = List.copyOf(notes);
    }
}
