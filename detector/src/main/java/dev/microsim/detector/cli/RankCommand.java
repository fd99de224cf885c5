package dev.microsim.detector.cli;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.incident.IncidentJson;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.logs.Drain;
import dev.microsim.detector.logs.DrainSettings;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.logs.LogParser;
import dev.microsim.detector.rank.IncidentWindow;
import dev.microsim.detector.rank.ObservationReader;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.Rankers;
import dev.microsim.detector.rank.Ranking;
import dev.microsim.detector.rank.RootCauseRanker;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.rca.IncidentMatch;
import dev.microsim.detector.rca.IncidentMatcher;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.rca.RcaScorer;
import dev.microsim.detector.report.ReportTable;
import dev.microsim.detector.telemetry.RcaEvalTelemetryReader;
import dev.microsim.detector.telemetry.Telemetry;
import dev.microsim.detector.telemetry.TelemetryReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rank}: root-cause analysis on a dataset's label-free telemetry. A MicroSim dataset: find
 * the incidents and rank each one's root cause; an RCAEval CSV: one incident from the injection
 * time to the end. Writes {@code incidents.json}; only then, when there are labels, maps incidents
 * to faults, writes {@code ranking.json} and prints AC@k.
 */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = {"Find incidents and rank their root causes (metrics, traces and logs, whichever the data has).",
                "Writes OUT/incidents.json (label-free); with labels, also OUT/ranking.json ({\"<fault id>\": [services]}) and AC@k.",
                "Exit codes: 0 ok, 1 bad input, 2 usage error."})
public final class RankCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--ranker", defaultValue = "microsim", description = "microsim, nsigma, baro or most-anomalous (default: ${DEFAULT-VALUE})")
    String ranker;

    @Option(names = "--log-parser", defaultValue = "frequency", description = "frequency or drain (default: ${DEFAULT-VALUE})")
    String logParser;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "rank-out", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!data.given()) {
            throw new ParameterException(spec.commandLine(), "give --dataset DIR or --rcaeval CSV");
        }
        RootCauseRanker chosen = ranker(ranker);
        LogParser parser = switch (logParser) {
            case "frequency" -> new FrequencyParser();
            case "drain" -> LogParser.online(() -> new Drain(DrainSettings.of(4, 0.5, List.of("(\\d+\\.){3}\\d+(:\\d+)?"))));
            default -> throw new ParameterException(spec.commandLine(), "--log-parser: \"" + logParser + "\" is not frequency or drain");
        };
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            Telemetry telemetry = data.dataset != null ? new TelemetryReader(data.allowPartial).read(data.dataset)
                    : new RcaEvalTelemetryReader().read(data.rcaEval);
            Observations observations = new ObservationReader(parser).read(telemetry);
            List<Incident> incidents;
            String detector;
            if (data.dataset != null) {
                IncidentDetector incidentDetector = new IncidentDetector(chosen);
                detector = incidentDetector.description();
                incidents = incidentDetector.detect(observations);
            } else {
                Instant injection = data.injection();
                incidents = List.of(rcaEvalIncident(observations, injection, chosen));
                detector = "RCAEval case: one incident from the injection time " + injection + " to the end of the data";
            }
            Path incidentsFile = out.resolve("incidents.json");
            IncidentJson.write(IncidentJson.json(telemetry.source(), detector, chosen.description(), observations.notes(), incidents), incidentsFile);
            print(stdout, observations, incidents);
            stdout.println("wrote " + incidentsFile);
            return score(stdout, observations, incidents);
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    private RootCauseRanker ranker(String name) {
        return Rankers.byName(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--ranker: \"" + name + "\" is not " + Rankers.namesInWords()));
    }

    /** The RCAEval protocol: normal before the injection time, anomalous from it to the end. */
    private Incident rcaEvalIncident(Observations observations, Instant injection, RootCauseRanker chosen) throws InputException {
        TimeGrid grid = observations.grid();
        long offset = injection.toEpochMilli() - grid.originMillis();
        if (offset < IncidentWindow.MIN_BASELINE_BINS * grid.stepMillis() || offset >= (long) grid.bins() * grid.stepMillis()) {
            throw new InputException(InputProblem.at(data.injectTime != null ? Path.of("--inject-time") : data.rcaEval.resolveSibling("inject_time.txt"),
                    0, null, injection.toString(), "leaves no normal period before it in the data (" + grid.instant(0) + " to "
                            + grid.instant(grid.bins() - 1) + "): at least " + IncidentWindow.MIN_BASELINE_BINS + " points must come before it"));
        }
        int onset = (int) (offset / grid.stepMillis());
        Ranking ranking = chosen.rank(observations, new IncidentWindow(0, onset, grid.bins() - 1));
        String top = ranking.candidates().isEmpty() ? null : ranking.candidates().get(0).service();
        return new Incident("incident-1", grid.instant(onset), grid.instant(grid.bins()), List.of(), top, ranking);
    }

    private static void print(PrintWriter stdout, Observations observations, List<Incident> incidents) {
        observations.notes().forEach(n -> stdout.println("note: " + n));
        stdout.printf(Locale.ROOT, "%d incidents%n", incidents.size());
        for (Incident incident : incidents) {
            stdout.printf(Locale.ROOT, "%s %s .. %s  suspected root cause: %s%n", incident.id(), incident.start(), incident.end(),
                    incident.suspectedRootCause());
            incident.ranking().candidates().stream().limit(3).forEach(c ->
                    stdout.printf(Locale.ROOT, "    %-20s %7.2f  %s%n", c.service(), c.score(), c.explanation()));
        }
    }

    /** The scoring step: the only place incidents meet labels. */
    private int score(PrintWriter stdout, Observations observations, List<Incident> incidents) throws Exception {
        boolean labelled = data.dataset != null ? Files.isRegularFile(data.dataset.resolve("labels.json")) : data.rootCause != null;
        if (!labelled) {
            stdout.println(data.dataset != null ? "no labels.json: incidents written, not scored" : "no --root-cause: ranking written, not scored");
            return 0;
        }
        Dataset dataset = data.read();
        Map<String, List<String>> rankings;
        if (data.dataset != null) {
            TimeGrid grid = observations.grid();
            IncidentMatch match = new IncidentMatcher().match(incidents, dataset.faults(), grid.instant(0), grid.instant(grid.bins()));
            rankings = match.rankings();
            stdout.printf(Locale.ROOT, "incidents vs faults: %d of %d faults got exactly one incident of their own, %d false incidents%n",
                    match.faultsWithOneIncident(), match.incidentsPerFault().size(), match.falseIncidents());
        } else {
            rankings = Map.of(dataset.faults().get(0).id(), incidents.get(0).ranking().services());
        }
        Path rankingFile = out.resolve("ranking.json");
        IncidentJson.write(IncidentJson.ranking(rankings), rankingFile);
        RcaScore score = new RcaScorer().score(dataset.faults(), rankings);
        stdout.print(ReportTable.rca(score));
        stdout.println("wrote " + rankingFile);
        return 0;
    }
}
