package dev.microsim.report;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.io.Predictions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a run report is made from: the scored dataset, and optionally a detector's predictions
 * (with the threshold to alarm at), a root-cause ranking and the call graph from traces.
 */
record ReportInputs(Dataset dataset, RunInfo run, Optional<Predictions> predictions, Optional<Path> predictionsFile,
                    OptionalDouble threshold, Optional<Map<String, List<String>>> rankings, Optional<Path> rankingFile,
                    Optional<CallGraphView> graph, Optional<ServiceScores> serviceScores) {

    ReportInputs {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(run, "run");
    }

    static ReportInputs of(Dataset dataset, RunInfo run) {
        return new ReportInputs(dataset, run, Optional.empty(), Optional.empty(), OptionalDouble.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    ReportInputs withPredictions(Predictions predictions, Path file, OptionalDouble threshold) {
        return new ReportInputs(dataset, run, Optional.of(predictions), Optional.of(file), threshold, rankings, rankingFile, graph, serviceScores);
    }

    ReportInputs withRankings(Map<String, List<String>> rankings, Path file) {
        return new ReportInputs(dataset, run, predictions, predictionsFile, threshold, Optional.of(rankings), Optional.of(file), graph, serviceScores);
    }

    ReportInputs withGraph(CallGraphView graph) {
        return new ReportInputs(dataset, run, predictions, predictionsFile, threshold, rankings, rankingFile, Optional.of(graph), serviceScores);
    }

    ReportInputs withServiceScores(ServiceScores scores) {
        return new ReportInputs(dataset, run, predictions, predictionsFile, threshold, rankings, rankingFile, graph, Optional.of(scores));
    }
}
