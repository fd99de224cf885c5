package dev.microsim.detector.cli;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.incident.IncidentJson;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.rank.ObservationReader;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.PropagationRanker;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.rca.IncidentMatch;
import dev.microsim.detector.rca.IncidentMatcher;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.rca.RcaScorer;
import dev.microsim.detector.report.ReportTable;
import dev.microsim.detector.telemetry.Telemetry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The root-cause half of {@code detect --dataset} (docs/rca.md): incidents and their ranked root
 * causes from the label-free telemetry, written as {@code incidents.json}; then, on the scorer's
 * side, incidents matched to faults, {@code ranking.json} and AC@k. Incidents come from MicroSim's
 * robust anomalies ({@code RobustAnomalies}), measured better for grouping than the pipeline's
 * episodes on the seed-1 runs (docs/accuracy.md).
 */
final class RootCauseStep {

    private final PrintWriter out;
    private Observations observations;
    private List<Incident> incidents;

    RootCauseStep(PrintWriter out) {
        this.out = out;
    }

    /** Label-free: finds and ranks incidents, writes {@code results/incidents.json}. */
    void rank(Telemetry telemetry, Path results) throws InputException, IOException {
        observations = new ObservationReader(new FrequencyParser()).read(telemetry);
        IncidentDetector detector = new IncidentDetector(new PropagationRanker());
        incidents = detector.detect(observations);
        Path file = results.resolve("incidents.json");
        IncidentJson.write(IncidentJson.json(telemetry.source(), detector.description(), new PropagationRanker().description(),
                observations.notes(), incidents), file);
        out.printf(Locale.ROOT, "root causes: %d incidents%n", incidents.size());
        for (Incident incident : incidents) {
            out.printf(Locale.ROOT, "  %s %s .. %s suspected root cause %s%n", incident.id(), incident.start(), incident.end(),
                    incident.suspectedRootCause());
        }
        out.println("wrote " + file);
    }

    /** Scorer side: maps the incidents to the dataset's faults, writes {@code results/ranking.json}, prints AC@k. */
    void score(Dataset dataset, Path results) throws IOException {
        TimeGrid grid = observations.grid();
        IncidentMatch match = new IncidentMatcher().match(incidents, dataset.faults(), grid.instant(0), grid.instant(grid.bins()));
        Path file = results.resolve("ranking.json");
        IncidentJson.write(IncidentJson.ranking(match.rankings()), file);
        RcaScore score = new RcaScorer().score(dataset.faults(), match.rankings());
        out.printf(Locale.ROOT, "incidents vs faults: %d of %d faults got exactly one incident of their own, %d false incidents%n",
                match.faultsWithOneIncident(), match.incidentsPerFault().size(), match.falseIncidents());
        out.print(ReportTable.rca(score));
        out.println("wrote " + file);
    }
}
