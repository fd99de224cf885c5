package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.incident.AnomalyTimeline;
import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.incident.MeshStall;
import dev.microsim.detector.incident.RobustAnomalies;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.rank.ObservationReader;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.PropagationRanker;
import dev.microsim.detector.rank.TimeGrid;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A developer's look inside the incident step, for tuning on seed-1 runs: per dataset, the faults
 * (from the labels, printed for the reader only: the detector never gets them), then every incident
 * with, per second of it, each anomalous service's detection metrics at z >= the threshold.
 *
 * <pre>java -cp ... dev.microsim.detector.bench.IncidentDiagnosis DATASET_DIR...</pre>
 */
public final class IncidentDiagnosis {

    private IncidentDiagnosis() {
    }

    public static void main(String[] args) throws Exception {
        RobustAnomalies robust = RobustAnomalies.defaults();
        MeshStall stall = new MeshStall(0.5, robust.threshold(), 0);
        boolean all = false;
        for (String arg : args) {
            if (arg.startsWith("--variant=")) {
                IncidentTuneBench.Variant v = IncidentTuneBench.variant(arg.substring(10));
                robust = v.anomalies();
                stall = robust.stall().off() ? stall : robust.stall();
                continue;
            }
            if (arg.equals("--all")) {
                all = true;
                continue;
            }
            Path dir = Path.of(arg);
            Dataset dataset = new MicroSimDatasetReader().read(dir);
            Observations observations = new ObservationReader(new FrequencyParser()).read(dataset.telemetry());
            TimeGrid grid = observations.grid();
            System.out.printf(Locale.ROOT, "== %s (%d bins)%n", dir.getFileName(), grid.bins());
            for (Fault f : dataset.faults()) {
                System.out.printf(Locale.ROOT, "fault %s %s at +%d..+%d %s%n", f.id(), f.kind(), (f.window().start().toEpochMilli() - grid.originMillis()) / 1000,
                        (f.window().end().toEpochMilli() - grid.originMillis()) / 1000, f.rootCauses());
            }
            AnomalyTimeline timeline = new AnomalyTimeline(observations, grid.binsFor(robust.history().toMillis()),
                    grid.binsFor(robust.guard().toMillis()), grid.binsFor(robust.warmUp().toMillis()), 100);
            boolean[] stalled = stall.stallBins(timeline, grid.bins(), robust.threshold());
            List<Incident> incidents = new IncidentDetector(robust, dev.microsim.detector.incident.IncidentSettings.defaults(),
                    new PropagationRanker()).detect(observations);
            if (all) {
                for (int b = 0; b < grid.bins(); b++) {
                    System.out.println(line(timeline, b, stalled, robust.threshold()));
                }
                continue;
            }
            for (Incident incident : incidents) {
                int from = grid.bin(incident.start().toEpochMilli());
                int to = grid.bin(incident.end().toEpochMilli() - 1);
                System.out.printf(Locale.ROOT, "%s +%d..+%d suspected %s anomalous %s%n", incident.id(), from, to + 1, incident.suspectedRootCause(),
                        incident.anomalousServices());
                for (int b = Math.max(0, from - 2); b <= Math.min(grid.bins() - 1, to + 2); b++) {
                    System.out.println(line(timeline, b, stalled, robust.threshold()));
                }
            }
        }
    }

    private static String line(AnomalyTimeline timeline, int b, boolean[] stalled, double threshold) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  +%4d%s", b, stalled[b] ? " STALL" : ""));
        for (String s : timeline.services()) {
            Map<String, Double> high = new TreeMap<>();
            for (String m : timeline.metrics(s)) {
                double z = timeline.scores(s, m)[b];
                if (z >= threshold / 2) {
                    high.put(m, z);
                }
            }
            if (!high.isEmpty()) {
                line.append(' ').append(s).append('{');
                high.forEach((m, z) -> line.append(m.replace("trace_", "t_").replace("_ms", "")).append('=').append(Math.round(z)).append(' '));
                line.setLength(line.length() - 1);
                line.append('}');
            }
        }
        return line.toString();
    }
}
