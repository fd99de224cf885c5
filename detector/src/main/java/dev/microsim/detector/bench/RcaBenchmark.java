package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.incident.IncidentSettings;
import dev.microsim.detector.incident.PipelineAnomalies;
import dev.microsim.detector.incident.RobustAnomalies;
import dev.microsim.detector.incident.ServiceAnomalies;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.rank.BaroRanker;
import dev.microsim.detector.rank.IncidentWindow;
import dev.microsim.detector.rank.MostAnomalousServiceRanker;
import dev.microsim.detector.rank.NSigmaRanker;
import dev.microsim.detector.rank.ObservationReader;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.PropagationRanker;
import dev.microsim.detector.rank.Ranking;
import dev.microsim.detector.rank.RootCauseRanker;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.rca.IncidentMatch;
import dev.microsim.detector.rca.IncidentMatcher;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.rca.RcaScorer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Root-cause ranking on MicroSim datasets, every ranker side by side on the same faults, two ways:
 *
 * <ul>
 *   <li><b>given the injection time</b> (RCAEval's protocol): each ranker gets the fault's actual
 *       start as the onset, its end, and the minute before as the normal period;</li>
 *   <li><b>end to end</b>: incidents found without labels ({@link IncidentDetector}; anomalies from
 *       {@link RobustAnomalies}, or from the built-in detection pipeline: its episodes with {@code --pipeline},
 *       its service scores >= S with {@code --pipeline-scores=S}), each ranker
 *       ranking every incident's window; a fault scores the ranking of its first overlapping
 *       incident ({@link IncidentMatcher}), zero when none overlaps.</li>
 * </ul>
 *
 * Plus the incident counts: faults with exactly one incident, false incidents per fault-free hour
 * (datasets without faults count fully as fault-free time).
 *
 * <pre>java -cp ... dev.microsim.detector.bench.RcaBenchmark [--misses] [--threshold=Z] [--merge-gap=SECONDS] [--pipeline | --pipeline-scores=S] DATASET_DIR...</pre>
 */
public final class RcaBenchmark {

    private RcaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean misses = false;
        IncidentSettings incidentSettings = IncidentSettings.defaults();
        RobustAnomalies robust = RobustAnomalies.defaults();
        boolean pipeline = false;
        double pipelineScore = Double.NaN;
        List<Path> dirs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--misses")) {
                misses = true;
            } else if (arg.startsWith("--threshold=")) {
                robust = new RobustAnomalies(robust.history(), robust.guard(), Double.parseDouble(arg.substring(12)), robust.warmUp(), robust.stall());
            } else if (arg.startsWith("--merge-gap=")) {
                incidentSettings = new IncidentSettings(incidentSettings.minDuration(), java.time.Duration.ofSeconds(Long.parseLong(arg.substring(12))));
            } else if (arg.equals("--pipeline")) {
                pipeline = true;
            } else if (arg.startsWith("--pipeline-scores=")) {
                pipeline = true;
                pipelineScore = Double.parseDouble(arg.substring(18));
            } else {
                dirs.add(Path.of(arg));
            }
        }
        List<RootCauseRanker> rankers = List.of(new PropagationRanker(), new BaroRanker(), new NSigmaRanker(), new MostAnomalousServiceRanker());
        Map<String, Map<String, List<String>>> oracle = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> endToEnd = new LinkedHashMap<>();
        List<Fault> faults = new ArrayList<>();
        Map<String, Integer> incidentsPerFault = new LinkedHashMap<>();
        java.util.Set<String> shared = new java.util.HashSet<>();
        int falseIncidents = 0;
        double freeHours = 0;
        long started = System.nanoTime();
        for (Path dir : dirs) {
            Dataset dataset = new MicroSimDatasetReader().read(dir);
            Observations observations = new ObservationReader(new FrequencyParser()).read(dataset.telemetry());
            TimeGrid grid = observations.grid();
            // fault ids repeat across seeds of one scenario: key every case by its dataset too
            String prefix = dir.getFileName() + "/";
            List<Fault> cases = dataset.faults().stream().filter(f -> !f.rootCauses().isEmpty())
                    .map(f -> new Fault(prefix + f.id(), f.kind(), f.window(), f.rootCauses(), f.affected())).toList();
            faults.addAll(cases);
            for (Fault fault : cases) {
                int onset = grid.bin(fault.window().start().toEpochMilli());
                int end = grid.bin(fault.window().end().toEpochMilli());
                IncidentWindow window = new IncidentWindow(Math.max(0, onset - grid.binsFor(60_000)), onset, end);
                for (RootCauseRanker ranker : rankers) {
                    Ranking ranking = ranker.rank(observations, window);
                    oracle.computeIfAbsent(ranker.name(), r -> new LinkedHashMap<>()).put(fault.id(), ranking.services());
                    if (misses && ranker instanceof PropagationRanker && !fault.rootCauses().contains(ranking.services().get(0))) {
                        System.out.printf(Locale.ROOT, "miss (given onset) %s %s: ranked %s; top: %s%n", fault.id(), fault.rootCauses(),
                                ranking.services().subList(0, Math.min(4, ranking.services().size())), ranking.candidates().get(0).explanation());
                    }
                }
            }
            Instant first = grid.instant(0), last = grid.instant(grid.bins());
            ServiceAnomalies anomalies = robust;
            if (pipeline) {
                DetectionResult detection = BuiltInPipelines.standard().run(dataset.telemetry(), Progress.NONE);
                anomalies = Double.isNaN(pipelineScore) ? PipelineAnomalies.episodes(detection)
                        : PipelineAnomalies.scoresAtLeast(detection, pipelineScore);
            }
            for (RootCauseRanker ranker : rankers) {
                List<Incident> incidents = new IncidentDetector(anomalies, incidentSettings, ranker).detect(observations);
                IncidentMatch match = new IncidentMatcher().match(incidents, cases, first, last);
                endToEnd.computeIfAbsent(ranker.name(), r -> new LinkedHashMap<>()).putAll(match.rankings());
                if (ranker instanceof PropagationRanker) {
                    incidentsPerFault.putAll(match.incidentsPerFault());
                    shared.addAll(match.sharedFaults());
                    falseIncidents += match.falseIncidents();
                    freeHours += match.faultFreeHours();
                    if (misses) {
                        match.incidentsPerFault().forEach((id, n) -> {
                            if (n != 1) {
                                System.out.printf(Locale.ROOT, "incidents for %s: %d%n", id, n);
                            }
                        });
                        for (Incident incident : incidents) {
                            System.out.printf(Locale.ROOT, "  %s %s..%s suspected %s, anomalous %s%n", incident.id(), incident.start(), incident.end(),
                                    incident.suspectedRootCause(), incident.anomalousServices());
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d datasets, %d faults, %.1f s%n", dirs.size(), faults.size(), (System.nanoTime() - started) / 1e9);
        table("given the injection time (RCAEval protocol)", rankers, faults, oracle);
        table("end to end (label-free incidents, matched to faults for scoring)", rankers, faults, endToEnd);
        long one = incidentsPerFault.entrySet().stream().filter(e -> e.getValue() == 1 && !shared.contains(e.getKey())).count();
        long none = incidentsPerFault.values().stream().filter(n -> n == 0).count();
        long several = incidentsPerFault.values().stream().filter(n -> n > 1).count();
        System.out.printf(Locale.ROOT, "%nincidents: %d of %d faults (%.3f) got exactly one of their own; %d none, %d several, %d share one with"
                        + " another fault; %d false incidents in %.2f fault-free hours = %.2f per hour%n", one, incidentsPerFault.size(),
                (double) one / Math.max(1, incidentsPerFault.size()), none, several, shared.size(), falseIncidents, freeHours,
                freeHours > 0 ? falseIncidents / freeHours : Double.NaN);
    }

    private static void table(String title, List<RootCauseRanker> rankers, List<Fault> faults, Map<String, Map<String, List<String>>> rankings) {
        System.out.printf(Locale.ROOT, "%n%s%n%-15s %5s %6s %6s %6s %6s%n", title, "ranker", "n", "AC@1", "AC@3", "AC@5", "Avg@5");
        Map<String, RcaScore> scores = new LinkedHashMap<>();
        for (RootCauseRanker ranker : rankers) {
            RcaScore score = new RcaScorer().score(faults, rankings.getOrDefault(ranker.name(), Map.of()));
            scores.put(ranker.name(), score);
            RcaScore.Accuracy a = score.overall();
            System.out.printf(Locale.ROOT, "%-15s %5d %6.3f %6.3f %6.3f %6.3f%n", ranker.name(), a.faults(), a.acAtK()[0], a.acAtK()[2],
                    a.acAtK()[4], a.avgAtK());
        }
        System.out.printf(Locale.ROOT, "AC@1 / AC@3 by fault kind:%n%-18s %3s", "kind", "n");
        rankers.forEach(r -> System.out.printf(Locale.ROOT, " %15s", r.name()));
        System.out.println();
        RcaScore ours = scores.get(rankers.get(0).name());
        for (String kind : new TreeSet<>(ours.byKind().keySet())) {
            System.out.printf(Locale.ROOT, "%-18s %3d", kind, ours.byKind().get(kind).faults());
            for (RootCauseRanker r : rankers) {
                RcaScore.Accuracy a = scores.get(r.name()).byKind().get(kind);
                System.out.printf(Locale.ROOT, " %7.2f / %5.2f", a.acAtK()[0], a.acAtK()[2]);
            }
            System.out.println();
        }
    }
}
