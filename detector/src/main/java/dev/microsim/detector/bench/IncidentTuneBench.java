package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.incident.AnomalyTimeline;
import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.incident.IncidentSettings;
import dev.microsim.detector.incident.MeshStall;
import dev.microsim.detector.incident.RobustAnomalies;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.rank.ObservationReader;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.PropagationRanker;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.rca.IncidentMatch;
import dev.microsim.detector.rca.IncidentMatcher;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.rca.RcaScorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The incident step's settings side by side on the same datasets, read once: for each variant,
 * faults with exactly one incident of their own, false incidents per fault-free hour, and the
 * MicroSim ranker's end-to-end AC@1 / AC@3 / Avg@5. For tuning on the seed-1 runs; report on the
 * held-back ones with {@link RcaBenchmark}.
 *
 * <pre>java -cp ... dev.microsim.detector.bench.IncidentTuneBench [--list] VARIANT... -- DATASET_DIR...
 *   VARIANT: name or name:key=value,...  keys: threshold, warmup, history, guard (seconds), mergegap, minduration (seconds),
 *            stall (share of the mesh, 0 = off), stallz, spread, veto (which signals stop a stall: 0 none, 1 resources, 2 all stall-proof)</pre>
 */
public final class IncidentTuneBench {

    private IncidentTuneBench() {
    }

    record Variant(String name, RobustAnomalies anomalies, IncidentSettings settings) {
    }

    public static void main(String[] args) throws Exception {
        List<Variant> variants = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        boolean list = false;
        boolean datasets = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                datasets = true;
            } else if (arg.equals("--list")) {
                list = true;
            } else if (datasets) {
                dirs.add(Path.of(arg));
            } else {
                variants.add(variant(arg));
            }
        }
        record Case(String name, Observations observations, List<Fault> faults) {
        }
        List<Case> cases = new ArrayList<>();
        for (Path dir : dirs) {
            Dataset dataset = new MicroSimDatasetReader().read(dir);
            String prefix = dir.getFileName() + "/";
            cases.add(new Case(dir.getFileName().toString(), new ObservationReader(new FrequencyParser()).read(dataset.telemetry()),
                    dataset.faults().stream().filter(f -> !f.rootCauses().isEmpty())
                            .map(f -> new Fault(prefix + f.id(), f.kind(), f.window(), f.rootCauses(), f.affected())).toList()));
        }
        System.out.printf(Locale.ROOT, "%-28s %4s %4s %4s %4s %5s %6s %6s %6s %6s %11s%n", "variant", "own", "none", "many", "shrd", "false", "per h",
                "AC@1", "AC@3", "Avg@5", "stall f/out");
        for (Variant v : variants) {
            int own = 0, none = 0, several = 0, shared = 0, falseIncidents = 0, faults = 0, stallInFault = 0, stallOutside = 0;
            double hours = 0;
            Map<String, List<String>> rankings = new LinkedHashMap<>();
            List<Fault> all = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (Case c : cases) {
                TimeGrid grid = c.observations().grid();
                RobustAnomalies a = v.anomalies();
                AnomalyTimeline timeline = new AnomalyTimeline(c.observations(), grid.binsFor(a.history().toMillis()), grid.binsFor(a.guard().toMillis()),
                        grid.binsFor(a.warmUp().toMillis()), 100);
                boolean[] stalled = a.stall().stallBins(timeline, grid.bins(), a.threshold());
                for (int b = 0; b < grid.bins(); b++) {
                    long t = grid.millis(b);
                    boolean inFault = c.faults().stream().anyMatch(f -> t >= f.window().start().toEpochMilli() && t < f.window().end().toEpochMilli());
                    stallInFault += stalled[b] && inFault ? 1 : 0;
                    stallOutside += stalled[b] && !inFault ? 1 : 0;
                }
                if (list) {
                    for (Fault f : c.faults()) {
                        int n = 0;
                        for (int b = grid.bin(f.window().start().toEpochMilli()); b < grid.bin(f.window().end().toEpochMilli()); b++) {
                            n += stalled[b] ? 1 : 0;
                        }
                        if (n > 0) {
                            notes.add(String.format(Locale.ROOT, "  %s (%s): %d stall bins", f.id(), f.kind(), n));
                        }
                    }
                }
                List<Incident> incidents = new IncidentDetector(v.anomalies(), v.settings(), new PropagationRanker()).detect(c.observations());
                IncidentMatch match = new IncidentMatcher().match(incidents, c.faults(), grid.instant(0), grid.instant(grid.bins()));
                rankings.putAll(match.rankings());
                all.addAll(c.faults());
                faults += c.faults().size();
                own += (int) match.faultsWithOneIncident();
                none += (int) match.incidentsPerFault().values().stream().filter(n -> n == 0).count();
                several += (int) match.incidentsPerFault().values().stream().filter(n -> n > 1).count();
                shared += match.sharedFaults().size();
                falseIncidents += match.falseIncidents();
                hours += match.faultFreeHours();
                if (list) {
                    for (Fault f : c.faults()) {
                        int n = match.incidentsPerFault().getOrDefault(f.id(), 0);
                        if (n != 1 || match.sharedFaults().contains(f.id())) {
                            notes.add(String.format(Locale.ROOT, "  %s: %d incident(s)%s", f.id(), n, match.sharedFaults().contains(f.id()) ? ", shared" : ""));
                        }
                    }
                    for (Incident i : incidents) {
                        boolean overlaps = c.faults().stream().anyMatch(f -> i.start().isBefore(f.window().end().plus(IncidentMatcher.DEFAULT_SLACK))
                                && i.end().isAfter(f.window().start()));
                        if (!overlaps) {
                            notes.add(String.format(Locale.ROOT, "  false: %s +%d..+%d %s", c.name(), (i.start().toEpochMilli() - grid.originMillis()) / 1000,
                                    (i.end().toEpochMilli() - grid.originMillis()) / 1000, i.anomalousServices()));
                        }
                    }
                }
            }
            RcaScore.Accuracy a = new RcaScorer().score(all, rankings).overall();
            System.out.printf(Locale.ROOT, "%-28s %4d %4d %4d %4d %5d %6.2f %6.3f %6.3f %6.3f %5d/%5d%n", v.name(), own, none, several, shared, falseIncidents,
                    hours > 0 ? falseIncidents / hours : Double.NaN, a.acAtK()[0], a.acAtK()[2], a.avgAtK(), stallInFault, stallOutside);
            notes.forEach(System.out::println);
        }
    }

    static Variant variant(String spec) {
        String[] parts = spec.split(":", 2);
        RobustAnomalies a = RobustAnomalies.defaults();
        IncidentSettings s = IncidentSettings.defaults();
        if (parts.length > 1) {
            for (String kv : parts[1].split(",")) {
                String[] p = kv.split("=", 2);
                double x = Double.parseDouble(p[1]);
                Duration d = Duration.ofMillis(Math.round(x * 1000));
                switch (p[0]) {
                    case "threshold" -> a = new RobustAnomalies(a.history(), a.guard(), x, a.warmUp(), a.stall());
                    case "warmup" -> a = new RobustAnomalies(a.history(), a.guard(), a.threshold(), d, a.stall());
                    case "history" -> a = new RobustAnomalies(d, a.guard(), a.threshold(), a.warmUp(), a.stall());
                    case "guard" -> a = new RobustAnomalies(a.history(), d, a.threshold(), a.warmUp(), a.stall());
                    case "stall" -> a = new RobustAnomalies(a.history(), a.guard(), a.threshold(), a.warmUp(),
                            new MeshStall(x, a.stall().off() ? a.threshold() : a.stall().slowZ(), a.stall().spread()));
                    case "stallz" -> a = new RobustAnomalies(a.history(), a.guard(), a.threshold(), a.warmUp(),
                            new MeshStall(a.stall().share(), x, a.stall().spread()));
                    case "spread" -> a = new RobustAnomalies(a.history(), a.guard(), a.threshold(), a.warmUp(),
                            new MeshStall(a.stall().share(), a.stall().slowZ(), (int) x));
                    case "veto" -> a = new RobustAnomalies(a.history(), a.guard(), a.threshold(), a.warmUp(),
                            new MeshStall(a.stall().share(), a.stall().slowZ(), a.stall().spread(), x == 0 ? java.util.Set.of()
                                    : x == 1 ? MeshStall.RESOURCES : MeshStall.STALL_PROOF));
                    case "mergegap" -> s = new IncidentSettings(s.minDuration(), d);
                    case "minduration" -> s = new IncidentSettings(d, s.mergeGap());
                    default -> throw new IllegalArgumentException("unknown variant key " + p[0] + " in " + spec);
                }
            }
        }
        return new Variant(parts[0], a, s);
    }
}
